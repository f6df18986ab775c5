package dev.jrt.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.api.ContainerInfo;
import dev.jrt.runtime.api.ContainerNotFoundException;
import dev.jrt.runtime.api.ContainerStatus;
import dev.jrt.runtime.api.CreateOptions;
import dev.jrt.runtime.api.OciRuntime;
import dev.jrt.runtime.api.RuntimeOptions;
import dev.jrt.spec.features.Features;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI layer alone: argv to one library call, its output, exit status and log lines. */
class MainTest {
    @TempDir
    Path tmp;

    private final List<String> calls = new ArrayList<>();
    private RuntimeOptions options;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Records each call; "missing" is a container that does not exist. */
    private final OciRuntime fake = new OciRuntime() {
        @Override
        public void create(ContainerId id, CreateOptions o) {
            calls.add("create " + id + " " + o);
        }

        @Override
        public void start(ContainerId id) {
            calls.add("start " + id);
        }

        @Override
        public ContainerInfo state(ContainerId id) {
            if (id.value().equals("missing")) {
                throw new ContainerNotFoundException(id.value());
            }
            return new ContainerInfo("1.0.2", id.value(), 42, ContainerStatus.RUNNING, "/b", "/b/rootfs",
                    "2026-01-01T00:00:00Z", "", Map.of());
        }

        @Override
        public void kill(ContainerId id, int signal, boolean all) {
            calls.add("kill " + id + " " + signal + " " + all);
        }

        @Override
        public void delete(ContainerId id, boolean force) {
            calls.add("delete " + id + " " + force);
        }

        @Override
        public int run(ContainerId id, CreateOptions o, boolean detach) {
            calls.add("run " + id + " " + detach);
            return 7;
        }

        @Override
        public List<ContainerInfo> list() {
            return List.of(state(ContainerId.of("c1")));
        }

        @Override
        public List<Integer> pids(ContainerId id) {
            return List.of(42, 43);
        }

        @Override
        public void pause(ContainerId id) {
            calls.add("pause " + id);
        }

        @Override
        public void resume(ContainerId id) {
            calls.add("resume " + id);
        }

        @Override
        public int exec(ContainerId id, dev.jrt.runtime.api.ExecOptions o) {
            calls.add("exec " + id);
            return 0;
        }

        @Override
        public void update(ContainerId id, dev.jrt.spec.model.LinuxResources resources) {
            calls.add("update " + id);
        }

        @Override
        public dev.jrt.runtime.cgroups.CgroupStats stats(ContainerId id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Features features() {
            throw new UnsupportedOperationException();
        }
    };

    private int jrt(String... argv) {
        return Main.run(argv, new PrintStream(out, true), new PrintStream(err, true),
                new ByteArrayInputStream(new byte[0]), o -> {
                    options = o;
                    return fake;
                });
    }

    @Test
    void globalFlagsConfigureTheRuntime() {
        assertEquals(0, jrt("--root", tmp.toString(), "--debug=false", "start", "c1"));
        assertEquals(tmp, options.stateRoot());
        assertEquals(List.of("start c1"), calls);
    }

    @Test
    void killTakesSignalsByNameOrNumberAndAll() {
        assertEquals(0, jrt("kill", "--all", "c1", "SIGKILL"));
        assertEquals(0, jrt("kill", "c1"));
        assertEquals(0, jrt("kill", "c1", "1"));
        assertEquals(List.of("kill c1 9 true", "kill c1 15 false", "kill c1 1 false"), calls);
    }

    @Test
    void runReturnsTheContainersStatus() {
        assertEquals(7, jrt("run", "-b", tmp.toString(), "-d", "c1"));
        assertEquals(List.of("run c1 true"), calls);
    }

    @Test
    void stateIsPrintedAsRuncPrintsIt() {
        assertEquals(0, jrt("state", "c1"));
        assertEquals("""
                {
                  "ociVersion": "1.0.2",
                  "id": "c1",
                  "pid": 42,
                  "status": "running",
                  "bundle": "/b",
                  "rootfs": "/b/rootfs",
                  "created": "2026-01-01T00:00:00Z",
                  "owner": ""
                }
                """, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listAndPsPrintJson() {
        assertEquals(0, jrt("list", "--format", "json"));
        assertEquals(0, jrt("ps", "--format=json", "c1"));
        assertEquals("[{\"ociVersion\":\"1.0.2\",\"id\":\"c1\",\"pid\":42,\"status\":\"running\",\"bundle\":\"/b\","
                + "\"rootfs\":\"/b/rootfs\",\"created\":\"2026-01-01T00:00:00Z\",\"owner\":\"\"}]\n[42,43]\n",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anErrorIsOneLineOnStderrAndAJsonLineInTheLog() throws Exception {
        Path log = tmp.resolve("log.json");
        assertEquals(1, jrt("--log", log.toString(), "--log-format", "json", "state", "missing"));
        assertEquals("jrt: container \"missing\" does not exist\n", err.toString(StandardCharsets.UTF_8));
        String line = Files.readString(log);
        assertTrue(line.startsWith("{\"level\":\"error\",\"msg\":\"container \\\"missing\\\" does not exist\",\"time\":\""),
                line);
    }

    @Test
    void theLogFileExistsEvenWhenNothingIsLogged() {
        Path log = tmp.resolve("log.json");
        assertEquals(0, jrt("--log", log.toString(), "--log-format=json", "start", "c1"));
        assertTrue(Files.exists(log));
    }

    @Test
    void usageErrorsNameTheFlag() {
        assertEquals(1, jrt("create", "--bogus", "c1"));
        assertEquals("jrt: create: flag provided but not defined: -bogus\n", err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(1, jrt("frobnicate"));
        assertEquals("jrt: no such command \"frobnicate\" (see jrt --help)\n", err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(1, jrt("start", "../etc"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("jrt: invalid container id \"../etc\""));
        assertTrue(calls.isEmpty());
    }
}
