package dev.jrt.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.api.CreateOptions;
import dev.jrt.runtime.api.ExecOptions;
import dev.jrt.runtime.api.IllegalStateTransitionException;
import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.api.RuntimeOptions;
import dev.jrt.runtime.log.LogSink;
import dev.jrt.runtime.testsupport.TestBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** exec on real containers (root only): namespaces, cgroup, overrides, status rules, isolation. */
class ExecIT {
    @TempDir
    Path tmp;

    private Path bundle;
    private Path rootfs;
    private LinuxRuntime runtime;
    private final ContainerId id = ContainerId.of("exec-" + ProcessHandle.current().pid());

    @BeforeEach
    void setUp() throws IOException {
        TestBundle.assumeRootIntegration();
        bundle = tmp.resolve("bundle");
        rootfs = TestBundle.create(bundle);
        tmp.toFile().setExecutable(true, false);
        bundle.toFile().setExecutable(true, false);
        Files.writeString(bundle.resolve("config.json"), TestBundle.config("exec sleep 60", null));
        runtime = new LinuxRuntime(new RuntimeOptions(tmp.resolve("state"), Path.of(System.getProperty("jrt.init")),
                LogSink.NONE, false));
        runtime.create(id, CreateOptions.of(bundle));
        runtime.start(id);
    }

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.delete(id, true);
        }
    }

    private int exec(String script) {
        return runtime.exec(id, ExecOptions.of(List.of("/bin/sh", "-c", script)));
    }

    private String out(String name) throws IOException {
        return Files.readString(rootfs.resolve("out").resolve(name)).trim();
    }

    private int initPid() {
        return runtime.state(id).pid();
    }

    /** Runs a --process file: the given process fields plus args, cwd and the container's user. */
    private int execProcessFile(String script, String fields) throws IOException {
        Path file = tmp.resolve("process.json");
        Files.writeString(file, """
                {"args": ["/bin/sh", "-c", "%s"], "cwd": "/", "user": {"uid": 0, "gid": 0},
                 "env": ["PATH=/bin:/sbin"], %s}""".formatted(script, fields));
        return runtime.exec(id, new ExecOptions(file, null, false, null, false, null, null, List.of(), null, List.of(),
                List.of(), false, null, null, 0, List.of(), false));
    }

    @Test
    void execCpuAffinityFinalHoldsAfterTheCgroupJoin() throws Exception {
        Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two CPUs");
        assertEquals(0, execProcessFile("grep Cpus_allowed_list /proc/self/status > /out/affinity",
                "\"execCPUAffinity\": {\"initial\": \"0\", \"final\": \"1\"}"));
        assertEquals("Cpus_allowed_list:\t1", out("affinity"));
    }

    @Test
    void schedulerAndIoPriorityApplyToTheExecdProcess() throws Exception {
        assertEquals(0, execProcessFile("cut -d' ' -f19,41 /proc/self/stat > /out/sched",
                "\"scheduler\": {\"policy\": \"SCHED_BATCH\", \"nice\": 7},"
                        + " \"ioPriority\": {\"class\": \"IOPRIO_CLASS_IDLE\", \"priority\": 7}"));
        assertEquals("7 3", out("sched"), "nice 7 and policy SCHED_BATCH (3)");
    }

    @Test
    void theProcessJoinsEveryNamespaceAndTheCgroupAndItsStatusIsReturned() throws Exception {
        assertEquals(7, exec("for n in mnt pid uts ipc net; do readlink /proc/self/ns/$n; done > /out/ns;"
                + " echo $$ > /out/pid; hostname > /out/hostname; exit 7"));
        StringBuilder expected = new StringBuilder();
        for (String n : List.of("mnt", "pid", "uts", "ipc", "net")) {
            expected.append(Files.readSymbolicLink(Path.of("/proc/" + initPid() + "/ns/" + n))).append('\n');
        }
        assertEquals(expected.toString().trim(), out("ns"));
        assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString(), out("ns").lines().findFirst().orElseThrow());
        assertEquals("it", out("hostname"));
        assertTrue(Integer.parseInt(out("pid")) > 1, "a pid of the container's namespace, not PID 1");
        assertTrue(Integer.parseInt(out("pid")) < 100, "a pid of the container's namespace: " + out("pid"));
    }

    @Test
    void detachReturnsAtOnceAndWritesThePidFileOfAProcessInTheContainersCgroup() throws Exception {
        Path pidFile = tmp.resolve("exec.pid");
        ExecOptions o = new ExecOptions(null, List.of("/bin/sleep", "30"), false, null, true, pidFile, null, List.of(),
                null, List.of(), List.of(), false, null, null, 0, List.of(), false);
        long t0 = System.nanoTime();
        Path leak = tmp.resolve("leak");
        Files.writeString(leak, "host");
        try (var ignored = Files.newInputStream(leak)) { // an open host file in this JVM
            assertEquals(0, runtime.exec(id, o));
        }
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "detach waited for the process");
        int pid = Integer.parseInt(Files.readString(pidFile));
        assertTrue(ProcessHandle.of(pid).isPresent(), "the exec'd process runs");
        assertTrue(runtime.pids(id).contains(pid), "in the container's cgroup: " + runtime.pids(id));
        assertTrue(Files.readString(Path.of("/proc/" + pid + "/cmdline")).startsWith("/bin/sleep\0"));
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            assertEquals(List.of("0", "1", "2"), fds.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no descriptor of jrt's reaches the process");
        }
        assertTrue(Files.isSameFile(Path.of("/proc/" + pid + "/root"), rootfs), "its root is the container's");
        assertTrue(Files.isSameFile(Path.of("/proc/" + pid + "/cwd"), rootfs), "its cwd is the container's /");
        // this JVM is its parent (as the exiting jrt exec's subreaper would be): reap it
        dev.jrt.runtime.sys.Syscalls.kill(pid, 9);
        dev.jrt.runtime.sys.Syscalls.waitpid(pid, 0);
    }

    @Test
    void envCwdUserAndGroupsOverrideTheConfig() throws Exception {
        Files.createDirectories(rootfs.resolve("work"));
        ExecOptions o = new ExecOptions(null, List.of("/bin/sh", "-c",
                "{ echo $FOO; pwd; id -u; id -g; id -G; echo $PATH; } > /tmp/o; cat /tmp/o > /out/ids"),
                false, null, false, null, "/tmp", List.of("FOO=bar"), "0:0", List.of("5", "7"), List.of(), false,
                null, null, 0, List.of(), false);
        assertEquals(0, runtime.exec(id, o));
        assertEquals(List.of("bar", "/tmp", "0", "0", "0 5 7", "/bin"), out("ids").lines().toList());

        Files.createDirectories(rootfs.resolve("out"));
        rootfs.resolve("out").toFile().setWritable(true, false);
        ExecOptions user = new ExecOptions(null, List.of("/bin/sh", "-c", "id -u > /out/uid; id -g >> /out/uid"),
                false, null, false, null, null, List.of(), "1000:1001", List.of(), List.of(), false, null, null, 0,
                List.of(), false);
        assertEquals(0, runtime.exec(id, user));
        assertEquals(List.of("1000", "1001"), out("uid").lines().toList());
    }

    @Test
    void capabilitiesComeFromTheConfigAndCapAddsToThem() throws Exception {
        assertEquals(0, exec("grep CapEff /proc/self/status > /out/caps; grep CapBnd /proc/self/status >> /out/caps"));
        assertEquals(List.of("CapEff:\t0000000000000020", "CapBnd:\t0000000000000021"), out("caps").lines().toList(),
                "CAP_KILL effective, CAP_KILL and CAP_CHOWN bounding, as the config says");
        ExecOptions o = new ExecOptions(null, List.of("/bin/sh", "-c", "grep CapEff /proc/self/status > /out/caps2"),
                false, null, false, null, null, List.of(), null, List.of(), List.of("CAP_NET_ADMIN"), false, null,
                null, 0, List.of(), false);
        assertEquals(0, runtime.exec(id, o));
        assertEquals("CapEff:\t0000000000001020", out("caps2"));
        ExecOptions bad = new ExecOptions(null, List.of("/bin/true"), false, null, false, null, null, List.of(),
                null, List.of(), List.of("CAP_NOPE"), false, null, null, 0, List.of(), false);
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> runtime.exec(id, bad));
        assertTrue(e.getMessage().startsWith("--cap: unknown capability \"CAP_NOPE\""), e.getMessage());
    }

    @Test
    void theProcessSeesTheContainersRootAndCwdAndTheConfigsNoNewPrivileges() throws Exception {
        assertEquals(0, exec("readlink /proc/$$/cwd > /out/cwd;"
                + " readlink /proc/$$/root > /out/root; cat /proc/$$/status | grep NoNewPrivs > /out/nnp"));
        assertEquals("/", out("cwd"));
        assertEquals("/", out("root"));
        assertEquals("NoNewPrivs:\t1", out("nnp"));
    }

    @Test
    void execIntoAPausedContainerIsRefusedUnlessResumed() throws Exception {
        runtime.pause(id);
        IllegalStateTransitionException e = assertThrows(IllegalStateTransitionException.class, () -> exec("true"));
        assertEquals("cannot exec in a paused container (use --ignore-paused to override)", e.getMessage());
        runtime.resume(id);
        assertEquals(0, exec("touch /out/after-resume"));
        assertTrue(Files.exists(rootfs.resolve("out/after-resume")));
    }

    @Test
    void withIgnorePausedTheProcessWaitsInTheFrozenCgroupAndResumeIsNotBlocked() throws Exception {
        runtime.pause(id);
        ExecOptions o = new ExecOptions(null, List.of("/bin/sh", "-c", "touch /out/ran"), false, null, false, null,
                null, List.of(), null, List.of(), List.of(), false, null, null, 0, List.of(), true);
        var exec = java.util.concurrent.CompletableFuture.supplyAsync(() -> runtime.exec(id, o));
        Thread.sleep(1500);
        assertFalse(Files.exists(rootfs.resolve("out/ran")), "the process ran in a paused container");
        assertFalse(exec.isDone(), "exec returned while the container was paused");
        var resume = java.util.concurrent.CompletableFuture.runAsync(() -> runtime.resume(id));
        try {
            resume.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // thaw behind the runtime's back so that the exec, and then delete, can finish
            List<String> cgroups = Files.readAllLines(Path.of("/proc/" + initPid() + "/cgroup"));
            var v1 = cgroups.stream().filter(l -> l.contains(":freezer:")).findFirst();
            if (v1.isPresent()) {
                Files.writeString(Path.of("/sys/fs/cgroup/freezer" + v1.get().split(":", 3)[2], "freezer.state"), "THAWED");
            } else {
                Files.writeString(Path.of("/sys/fs/cgroup" + cgroups.get(0).split(":", 3)[2], "cgroup.freeze"), "0");
            }
            throw new AssertionError("resume blocked: exec holds the container's lock while its process is frozen", e);
        }
        assertEquals(0, exec.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(Files.exists(rootfs.resolve("out/ran")));
    }

    @Test
    void execIntoAStoppedContainerIsRefused() throws Exception {
        runtime.kill(id, 9, false);
        for (int i = 0; i < 200 && runtime.state(id).status() != dev.jrt.runtime.api.ContainerStatus.STOPPED; i++) {
            Thread.sleep(10);
        }
        IllegalStateTransitionException e = assertThrows(IllegalStateTransitionException.class,
                () -> exec("touch /out/ran"));
        assertEquals("cannot exec in a stopped container", e.getMessage());
        assertFalse(Files.exists(rootfs.resolve("out/ran")));
    }

    @Test
    void aMissingProgramIsNamedAndLeavesNoProcess() throws Exception {
        OciRuntimeException e = assertThrows(OciRuntimeException.class,
                () -> runtime.exec(id, ExecOptions.of(List.of("/bin/nope"))));
        assertTrue(e.getMessage().contains("/bin/nope") && e.getMessage().contains("ENOENT"), e.getMessage());
        assertEquals(List.of(initPid()), runtime.pids(id));
    }

    @Test
    void theExecdProcessGetsTheContainersSeccompFilter() throws Exception {
        runtime.delete(id, true);
        Files.writeString(bundle.resolve("config.json"), TestBundle.config("exec sleep 60",
                "\"seccomp\": {\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"mkdir\","
                        + " \"mkdirat\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 13}]}"));
        runtime.create(id, CreateOptions.of(bundle));
        runtime.start(id);
        assertEquals(0, exec("grep -E '^Seccomp:' /proc/self/status > /out/seccomp;"
                + " mkdir /tmp/x 2>> /out/seccomp; echo $? >> /out/seccomp"));
        List<String> lines = out("seccomp").lines().toList();
        assertEquals("Seccomp:\t2", lines.get(0));
        assertTrue(lines.get(1).contains("Permission denied"), lines.toString());
        assertEquals("1", lines.get(2));
    }
}
