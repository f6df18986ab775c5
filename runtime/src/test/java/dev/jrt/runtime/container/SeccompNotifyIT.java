package dev.jrt.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.api.CreateOptions;
import dev.jrt.runtime.api.ExecOptions;
import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.api.RuntimeOptions;
import dev.jrt.runtime.log.LogSink;
import dev.jrt.runtime.testsupport.TestBundle;
import dev.jrt.spec.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * linux.seccomp.listenerPath on real containers (root only): a listener (the conformance suite's
 * seccomp-agent, built here from its C source) gets the container process state and the notify
 * fd, answers the container's mkdir, and the container sees the answer.
 */
class SeccompNotifyIT {
    @TempDir
    Path tmp;

    private Path bundle;
    private Path rootfs;
    private LinuxRuntime runtime;
    private Path agentBinary;
    private final ContainerId id = ContainerId.of("notify-" + ProcessHandle.current().pid());
    private final List<Process> agents = new java.util.ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        TestBundle.assumeRootIntegration();
        bundle = tmp.resolve("bundle");
        rootfs = TestBundle.create(bundle);
        String init = System.getProperty("jrt.init");
        assertTrue(init != null && Files.isExecutable(Path.of(init)), "-Djrt.init must name the built jrt-init");
        runtime = new LinuxRuntime(new RuntimeOptions(tmp.resolve("state"), Path.of(init), LogSink.NONE, false));
        Path source = Path.of(System.getProperty("user.dir")).getParent()
                .resolve("conformance-tests/src/main/c/seccomp-agent.c");
        agentBinary = tmp.resolve("seccomp-agent");
        Process gcc = new ProcessBuilder("gcc", "-static", "-O2", "-Wall", "-Wextra", "-Werror", "-o",
                agentBinary.toString(), source.toString()).inheritIO().start();
        assertEquals(0, gcc.waitFor(), "compile " + source);
    }

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.delete(id, true);
        }
        agents.forEach(Process::destroyForcibly);
    }

    private record Agent(Process process, BufferedReader out, Path stateFile) {
        JsonNode state() throws IOException {
            assertEquals("fds 1", out.readLine(), "the listener got one descriptor");
            return Json.mapper().readTree(Files.readString(stateFile));
        }
    }

    private Agent agent(String answer) throws IOException {
        Path stateFile = tmp.resolve("state-" + agents.size() + ".json");
        Process p = new ProcessBuilder(agentBinary.toString(), socket().toString(), stateFile.toString(), answer)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        agents.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine(), "the agent did not start");
        return new Agent(p, out, stateFile);
    }

    private Path socket() {
        return tmp.resolve("agent.sock");
    }

    private void config(String script, boolean nnp) throws IOException {
        String seccomp = """
                "seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "listenerPath": "%s", "listenerMetadata": "meta=1",
                            "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_NOTIFY"}]}
                """.formatted(socket());
        String config = TestBundle.config(script, seccomp);
        if (!nnp) {
            config = config.replace("\"noNewPrivileges\": true", "\"noNewPrivileges\": false");
        }
        Files.writeString(bundle.resolve("config.json"), config);
    }

    private String out(String name) throws IOException {
        return Files.readString(rootfs.resolve("out").resolve(name)).trim();
    }

    @Test
    void theListenerGetsTheStateAndItsErrnoReachesTheContainer() throws Exception {
        config("mkdir /tmp/x 2>/out/err; echo $? > /out/rc; ls -l /proc/$$/fd > /out/fds", true);
        Agent agent = agent("errno:18");
        runtime.create(id, CreateOptions.of(bundle));
        int initPid = runtime.state(id).pid();
        JsonNode state = agent.state();
        assertEquals("seccompFd", state.path("fds").path(0).asText(), state.toString());
        assertEquals(1, state.path("fds").size());
        assertEquals(initPid, state.path("pid").asInt(), state.toString());
        assertEquals("meta=1", state.path("metadata").asText());
        assertFalse(state.path("ociVersion").asText().isEmpty());
        assertEquals(id.value(), state.path("state").path("id").asText());
        assertEquals("creating", state.path("state").path("status").asText());
        assertEquals(initPid, state.path("state").path("pid").asInt());
        assertEquals(bundle.toString(), state.path("state").path("bundle").asText());

        runtime.start(id);
        assertTrue(agent.process().waitFor(20, TimeUnit.SECONDS), "the agent never saw the filter's end");
        assertEquals("closed", agent.out().readLine(), "the connection is closed after the state");
        assertTrue(agent.out().readLine().startsWith("notified "), "mkdir was not notified");
        assertEquals("1", out("rc"));
        assertTrue(out("err").contains("cross-device"), out("err")); // EXDEV = 18
        assertFalse(out("fds").contains("seccomp"), "the notify fd reached the container: " + out("fds"));
    }

    @Test
    void aSuccessAnswerIsWhatTheContainerSees() throws Exception {
        // without no_new_privileges the filter is loaded earlier, before the user and capabilities change
        config("mkdir /tmp/y; echo $? > /out/rc; [ -d /tmp/y ] && echo made > /out/dir || echo absent > /out/dir", false);
        Agent agent = agent("ok");
        assertEquals(0, runtime.run(id, CreateOptions.of(bundle), false));
        assertEquals("seccompFd", agent.state().path("fds").path(0).asText());
        assertEquals("0", out("rc"));
        assertEquals("absent", out("dir"), "the agent answered 0 without running mkdir");
    }

    @Test
    void execHandsItsOwnNotifyFdToTheListener() throws Exception {
        config("echo up > /out/up; sleep 30", true);
        Agent first = agent("continue");
        runtime.create(id, CreateOptions.of(bundle));
        first.state();
        runtime.start(id);
        int initPid = runtime.state(id).pid();
        Agent second = agent("errno:13");
        int rc = runtime.exec(id, ExecOptions.of(List.of("/bin/sh", "-c", "mkdir /tmp/z")));
        assertEquals(1, rc, "mkdir got EACCES from the listener");
        JsonNode state = second.state();
        assertEquals("running", state.path("state").path("status").asText(), state.toString());
        assertEquals(initPid, state.path("state").path("pid").asInt());
        assertNotEquals(initPid, state.path("pid").asInt(), "the exec'd process, not the init");
    }

    @Test
    void anUnreachableListenerFailsCreateNamingTheField() throws Exception {
        config("true", true);
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> runtime.create(id, CreateOptions.of(bundle)));
        assertTrue(e.getMessage().contains("/linux/seccomp/listenerPath"), e.getMessage());
        assertThrows(dev.jrt.runtime.api.ContainerNotFoundException.class, () -> runtime.state(id));
    }
}
