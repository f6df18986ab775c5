package dev.jrt.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.api.CreateOptions;
import dev.jrt.runtime.api.ExecOptions;
import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.api.RuntimeOptions;
import dev.jrt.runtime.log.LogSink;
import dev.jrt.runtime.testsupport.TestBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User names and HOME from the container's own /etc/passwd and /etc/group, read as files inside
 * its root (root only, real containers): exec --user name[:group], HOME for run and exec, and
 * a passwd that is a symlink out of the root.
 */
class ContainerUsersIT {
    /** Each call writes to its own directory (a later user may not write an earlier one's files). */
    private static final String SCRIPT = "d=/out/$TAG; mkdir $d; id -u > $d/uid; id -g > $d/gid; id -G > $d/groups;"
            + " echo \"$HOME\" > $d/home";

    @TempDir
    Path tmp;

    private Path bundle;
    private Path rootfs;
    private LinuxRuntime runtime;
    private final ContainerId id = ContainerId.of("users-" + ProcessHandle.current().pid());

    @BeforeEach
    void setUp() throws IOException {
        TestBundle.assumeRootIntegration();
        bundle = tmp.resolve("bundle");
        rootfs = TestBundle.create(bundle);
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n"
                + "alice:x:1000:1000:Alice:/home/alice:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nalice:x:1000:\nwheel:x:10:alice\nstaff:x:50:\n");
        tmp.toFile().setExecutable(true, false);
        bundle.toFile().setExecutable(true, false);
        runtime = new LinuxRuntime(new RuntimeOptions(tmp.resolve("state"), Path.of(System.getProperty("jrt.init")),
                LogSink.NONE, false));
    }

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.delete(id, true);
        }
    }

    private int calls;

    private String tag() {
        return "TAG=" + ++calls;
    }

    private String out(String name) throws IOException {
        return Files.readString(rootfs.resolve("out").resolve(Integer.toString(calls)).resolve(name)).trim();
    }

    private void startSleeping() throws IOException {
        Files.writeString(bundle.resolve("config.json"), TestBundle.config("exec sleep 60", null));
        runtime.create(id, CreateOptions.of(bundle));
        runtime.start(id);
    }

    private int exec(String user, List<String> env) {
        List<String> withTag = new java.util.ArrayList<>(env);
        withTag.add(tag());
        return runtime.exec(id, new ExecOptions(null, List.of("/bin/sh", "-c", SCRIPT), false, null, false, null, null,
                withTag, user, List.of(), List.of(), false, null, null, 0, List.of(), false));
    }

    private int run(long uid, String env) throws IOException {
        String json = TestBundle.config(SCRIPT, null)
                .replace("\"user\": {\"uid\": 0, \"gid\": 0}", "\"user\": {\"uid\": " + uid + ", \"gid\": " + uid + "}")
                .replace("\"env\": [\"PATH=/bin\"]", "\"env\": [\"" + tag() + "\", " + env + "]");
        Files.writeString(bundle.resolve("config.json"), json);
        return runtime.run(id, CreateOptions.of(bundle), false);
    }

    @Test
    void execUserNameTakesIdsGroupsAndHomeFromTheContainersFiles() throws Exception {
        startSleeping();
        assertEquals(0, exec("alice", List.of()));
        assertEquals("1000", out("uid"));
        assertEquals("1000", out("gid"));
        assertEquals("1000 10", out("groups"));
        assertEquals("/home/alice", out("home"));

        assertEquals(0, exec("alice:staff", List.of("HOME=/given")));
        assertEquals("50", out("gid"));
        assertEquals("/given", out("home"), "a HOME the process is given is kept");

        assertEquals(0, exec("0", List.of()));
        assertEquals("/root", out("home"), "exec sets HOME for a numeric user too");
    }

    @Test
    void anUnknownNameIsAClearErrorAndRunsNothing() throws Exception {
        startSleeping();
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> exec("bob", List.of()));
        assertEquals("--user bob: no user \"bob\" in the container's /etc/passwd", e.getMessage());
        e = assertThrows(OciRuntimeException.class, () -> exec("alice:nogroup", List.of()));
        assertEquals("--user alice:nogroup: no group \"nogroup\" in the container's /etc/group", e.getMessage());
        try (var s = Files.list(rootfs.resolve("out"))) {
            assertEquals(List.of(), s.toList(), "the process ran");
        }
    }

    @Test
    void thePasswdFileIsResolvedInsideTheRoot() throws Exception {
        Path outside = tmp.resolve("host-passwd");
        Files.writeString(outside, "evil:x:4242:4242::/evil:/bin/sh\n");
        Files.move(rootfs.resolve("etc/passwd"), rootfs.resolve("etc/passwd.real"));
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("/etc/passwd.real")); // absolute, inside the root
        startSleeping();
        assertEquals(0, exec("alice", List.of()));
        assertEquals("/home/alice", out("home"), "an absolute symlink is resolved in the container's root");

        Files.delete(rootfs.resolve("etc/passwd"));
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("/../../../../../../../.." + outside));
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> exec("evil", List.of()));
        assertEquals("--user evil: no user \"evil\" in the container's /etc/passwd", e.getMessage());
        assertEquals(0, exec("4242", List.of()));
        assertEquals("/", out("home"), "a host file was read through the container's symlink");
    }

    @Test
    void runSetsHomeFromPasswdWhenTheEnvironmentLacksIt() throws Exception {
        assertEquals(0, run(1000, "\"PATH=/bin\""));
        assertEquals("/home/alice", out("home"));
        runtime.delete(id, true);

        assertEquals(0, run(1000, "\"PATH=/bin\", \"HOME=/mine\""));
        assertEquals("/mine", out("home"));
        runtime.delete(id, true);

        assertEquals(0, run(777, "\"PATH=/bin\", \"HOME=\""));
        assertEquals("/", out("home"), "an empty HOME is replaced; a uid /etc/passwd lacks gets runc's default");
    }
}
