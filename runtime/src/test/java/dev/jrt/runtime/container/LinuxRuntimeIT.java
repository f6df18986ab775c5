package dev.jrt.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.runtime.api.ContainerExistsException;
import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.api.ContainerInfo;
import dev.jrt.runtime.api.ContainerNotFoundException;
import dev.jrt.runtime.api.ContainerStatus;
import dev.jrt.runtime.api.CreateOptions;
import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.api.RuntimeOptions;
import dev.jrt.runtime.log.LogSink;
import dev.jrt.runtime.testsupport.TestBundle;
import dev.jrt.spec.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's lifecycle on real containers (root only): every operation, its status rules,
 * and that failures leave nothing behind.
 */
class LinuxRuntimeIT {
    @TempDir
    Path tmp;

    private Path bundle;
    private Path rootfs;
    private Path stateRoot;
    private LinuxRuntime runtime;
    private final ContainerId id = ContainerId.of("it-" + ProcessHandle.current().pid());

    @BeforeEach
    void setUp() throws IOException {
        TestBundle.assumeRootIntegration();
        bundle = tmp.resolve("bundle");
        rootfs = TestBundle.create(bundle);
        stateRoot = tmp.resolve("state");
        // a user namespace's root must be able to reach the rootfs, as with runc
        tmp.toFile().setExecutable(true, false);
        bundle.toFile().setExecutable(true, false);
        String init = System.getProperty("jrt.init");
        assertTrue(init != null && Files.isExecutable(Path.of(init)), "-Djrt.init must name the built jrt-init");
        runtime = new LinuxRuntime(new RuntimeOptions(stateRoot, Path.of(init), LogSink.NONE, false));
    }

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.delete(id, true);
        }
    }

    private void config(String script) throws IOException {
        config(script, null);
    }

    private void config(String script, String extraLinux) throws IOException {
        Files.writeString(bundle.resolve("config.json"), TestBundle.config(script, extraLinux));
    }

    private String out(String name) throws IOException {
        return Files.readString(rootfs.resolve("out").resolve(name)).trim();
    }

    private void awaitFile(String name) throws InterruptedException {
        TestBundle.awaitOutput(rootfs, name);
    }

    @Test
    void lifecycleFollowsTheSpec() throws Exception {
        config("echo $$ > /out/pid; hostname > /out/hostname; touch /out/done; exec sleep 60");
        Path pidFile = tmp.resolve("pid");
        runtime.create(id, new CreateOptions(bundle, null, pidFile, false, false, 0));

        ContainerInfo created = runtime.state(id);
        assertEquals(ContainerStatus.CREATED, created.status());
        assertEquals(Files.readString(pidFile), Integer.toString(created.pid()), "pid file holds the pid, no newline");
        assertEquals(bundle.toString(), created.bundle());
        assertFalse(Files.exists(rootfs.resolve("out/pid")), "the process must not run before start");

        runtime.start(id);
        awaitFile("done");
        assertEquals(ContainerStatus.RUNNING, runtime.state(id).status());
        assertEquals("1", out("pid"), "the process is PID 1 of its namespace");
        assertEquals("it", out("hostname"));
        assertEquals(List.of(created.pid()), runtime.pids(id));

        IllegalStateTransitionCheck.assertRefused(() -> runtime.start(id), "cannot start an already running container");
        IllegalStateTransitionCheck.assertRefused(() -> runtime.delete(id, false),
                "cannot delete container \"" + id + "\" that is not stopped: running");

        runtime.kill(id, 9, false);
        for (int i = 0; i < 200 && runtime.state(id).status() != ContainerStatus.STOPPED; i++) {
            Thread.sleep(10);
        }
        assertEquals(ContainerStatus.STOPPED, runtime.state(id).status());
        IllegalStateTransitionCheck.assertRefused(() -> runtime.kill(id, 15, false), "container not running");
        // containerd has the runc shim send `kill --all <id> 9` before deleting a task whose init
        // has exited; runc succeeds
        runtime.kill(id, 9, true);

        Map<String, String> cgroups = CgroupPaths.of(stateRoot, id);
        runtime.delete(id, false);
        assertThrows(ContainerNotFoundException.class, () -> runtime.state(id));
        assertFalse(Files.exists(stateRoot.resolve(id.value())));
        cgroups.values().forEach(p -> assertFalse(Files.exists(Path.of(p)), "cgroup " + p + " left behind"));
    }

    @Test
    void runReturnsTheExitStatusAndCleansUp() throws Exception {
        config("exit 3");
        assertEquals(3, runtime.run(id, CreateOptions.of(bundle), false));
        assertFalse(Files.exists(stateRoot.resolve(id.value())));
    }

    @Test
    void pauseFreezesAndResumeThaws() throws Exception {
        config("exec sleep 60");
        runtime.run(id, CreateOptions.of(bundle), true);
        runtime.pause(id);
        assertEquals(ContainerStatus.PAUSED, runtime.state(id).status());
        IllegalStateTransitionCheck.assertRefused(() -> runtime.pause(id), "container not running");
        runtime.resume(id);
        assertEquals(ContainerStatus.RUNNING, runtime.state(id).status());
    }

    @Test
    void aDuplicateIdIsRefused() throws Exception {
        config("exec sleep 60");
        runtime.create(id, CreateOptions.of(bundle));
        OciRuntimeException e = assertThrows(ContainerExistsException.class,
                () -> runtime.create(id, CreateOptions.of(bundle)));
        assertEquals("container \"" + id + "\" already exists", e.getMessage());
        assertEquals(ContainerStatus.CREATED, runtime.state(id).status(), "the first container is untouched");
    }

    @Test
    void aMissingExecutableFailsCreateAndLeavesNothing() throws Exception {
        Files.writeString(bundle.resolve("config.json"), TestBundle.config("x", null)
                .replace("[\"/bin/sh\", \"-c\", \"x\"]", "[\"/bin/nope\"]"));
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> runtime.create(id, CreateOptions.of(bundle)));
        assertTrue(e.getMessage().contains("/bin/nope") && e.getMessage().contains("no such file or directory"),
                e.getMessage());
        assertNothingLeft();
    }

    @Test
    void aFailureHalfwayLeavesNothing() throws Exception {
        config("true", null);
        String json = Files.readString(bundle.resolve("config.json")).replace("\"type\": \"proc\"", "\"type\": \"nosuchfs\"");
        Files.writeString(bundle.resolve("config.json"), json);
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> runtime.create(id, CreateOptions.of(bundle)));
        assertTrue(e.getMessage().startsWith("/mounts/0"), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void anInvalidConfigIsRefusedBeforeAnythingIsMade() throws Exception {
        config("true", "\"sysctl\": {\"vm.swappiness\": \"1\"}");
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> runtime.create(id, CreateOptions.of(bundle)));
        assertTrue(e.getMessage().contains("/linux/sysctl"), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void aJoinedNamespaceIsShared() throws Exception {
        config("exec sleep 60");
        ContainerId first = ContainerId.of(id.value() + "-a");
        runtime.run(first, CreateOptions.of(bundle), true);
        try {
            int pid = runtime.state(first).pid();
            String netns = Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net")).toString();
            config("readlink /proc/self/ns/net > /out/net; readlink /proc/self/ns/uts > /out/uts", null);
            String json = Files.readString(bundle.resolve("config.json"))
                    .replace("{\"type\": \"network\"}", "{\"type\": \"network\", \"path\": \"/proc/" + pid + "/ns/net\"}");
            Files.writeString(bundle.resolve("config.json"), json);
            assertEquals(0, runtime.run(id, CreateOptions.of(bundle), false));
            assertEquals(netns, out("net"));
            assertFalse(Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/uts")).toString().equals(out("uts")),
                    "a namespace not joined stays the container's own");
        } finally {
            runtime.delete(first, true);
        }
    }

    @Test
    void aUserNamespaceMapsRootToAnUnprivilegedHostUser() throws Exception {
        config("id -u > /out/uid; cat /proc/self/uid_map > /out/map",
                "\"uidMappings\": [{\"containerID\": 0, \"hostID\": 100000, \"size\": 65536}],"
                        + " \"gidMappings\": [{\"containerID\": 0, \"hostID\": 100000, \"size\": 65536}]");
        String json = Files.readString(bundle.resolve("config.json"))
                .replace("{\"type\": \"pid\"}", "{\"type\": \"pid\"}, {\"type\": \"user\"}");
        Files.writeString(bundle.resolve("config.json"), json);
        assertEquals(0, runtime.run(id, CreateOptions.of(bundle), false));
        assertEquals("0", out("uid"));
        assertEquals(List.of("0", "100000", "65536"), List.of(out("map").trim().split("\\s+")));
    }

    private void assertNothingLeft() throws IOException {
        assertFalse(Files.exists(stateRoot.resolve(id.value())), "state directory left behind");
        for (String controller : List.of("pids", "memory", "freezer", "unified")) {
            try (var s = Files.walk(Path.of("/sys/fs/cgroup", controller))) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().equals(id.value())),
                        "cgroup left behind under " + controller);
            }
        }
        // the container's init is this JVM's child (CLONE_PARENT): none may be left
        assertEquals(List.of(), ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().command().orElse("?")).toList(), "processes left behind");
    }

    @Test
    void aMissingBundleIsNamed() {
        Path nowhere = tmp.resolve("nowhere");
        OciRuntimeException e = assertThrows(OciRuntimeException.class,
                () -> runtime.create(id, CreateOptions.of(nowhere)));
        assertEquals("bundle " + nowhere + ": no such directory", e.getMessage());
    }

    @Test
    void anImpossibleIdMappingFailsCreateAndLeavesNothing() throws Exception {
        // two ranges that overlap on the host side: the kernel refuses the uid_map
        config("true", "\"uidMappings\": [{\"containerID\": 0, \"hostID\": 100000, \"size\": 10},"
                + " {\"containerID\": 10, \"hostID\": 100005, \"size\": 10}],"
                + " \"gidMappings\": [{\"containerID\": 0, \"hostID\": 100000, \"size\": 10}]");
        String json = Files.readString(bundle.resolve("config.json"))
                .replace("{\"type\": \"pid\"}", "{\"type\": \"pid\"}, {\"type\": \"user\"}");
        Files.writeString(bundle.resolve("config.json"), json);
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> runtime.create(id, CreateOptions.of(bundle)));
        assertTrue(e.getMessage().contains("uid_map"), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void theInitIsTheCreatorsChildSoASubreaperInheritsIt() throws Exception {
        config("exec sleep 60");
        runtime.create(id, CreateOptions.of(bundle));
        int pid = runtime.state(id).pid();
        assertEquals(ProcessHandle.current().pid(), ProcessHandle.of(pid).flatMap(ProcessHandle::parent)
                .map(ProcessHandle::pid).orElse(-1L), "the init must be the creating process's child (CLONE_PARENT)");
    }
}
