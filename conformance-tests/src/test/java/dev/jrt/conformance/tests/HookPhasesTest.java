package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Deviation;
import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.BundleBuilder;
import dev.jrt.conformance.support.Container;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.HostCgroups;
import dev.jrt.conformance.support.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * config.md "Prestart" ... "Poststop": one subsection per hook phase, each
 * checked for when the hook runs (which operation, what already exists) and
 * where its path resolves and it executes. A host hook writes what it sees
 * into a host directory; the container sees that directory at /out.
 */
@ConformanceTest
class HookPhasesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /**
     * Host hook: $1 = name, $2 = output dir. Records its mount namespace and,
     * from the state on stdin, the container process's namespaces, mounts and command line.
     */
    private static final String HOST_HOOK = """
            #!/bin/sh
            state=$(cat)
            echo "$state" > "$2/$1.state"
            pid=$(echo "$state" | sed -n 's/.*"pid": *\\([0-9]*\\).*/\\1/p')
            echo "$pid" > "$2/$1.pid"
            readlink /proc/self/ns/mnt > "$2/$1.mntns"
            readlink /proc/self/ns/net > "$2/$1.netns"
            readlink "/proc/$pid/ns/net" > "$2/$1.ctnetns" 2>/dev/null
            cat "/proc/$pid/mountinfo" > "$2/$1.ctmounts" 2>/dev/null
            cat /proc/self/mountinfo > "$2/$1.mounts"
            tr '\\0' ' ' < "/proc/$pid/cmdline" > "$2/$1.cmdline" 2>/dev/null
            echo "$1" >> "$2/order"
            """;

    private record Out(Path dir, Path script) {
        String[] args(String name) {
            return new String[] {script.toString(), name, dir.toString()};
        }

        String file(String name) throws IOException {
            Path p = dir.resolve(name);
            return Files.exists(p) ? Files.readString(p).trim() : "";
        }

        boolean has(String name) {
            return Files.exists(dir.resolve(name));
        }

        List<String> order() throws IOException {
            return Files.exists(dir.resolve("order")) ? Files.readAllLines(dir.resolve("order")) : List.of();
        }
    }

    private static Out out(Sandbox sb) throws IOException {
        Path dir = sb.hostDir("hooks");
        Path script = sb.dir().resolve("phase-hook.sh");
        Files.writeString(script, HOST_HOOK);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new Out(dir, script);
    }

    private static String hostNs(String type) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/self/ns/" + type)).toString();
    }

    private static BundleBuilder sleeper(Sandbox sb, Out o) {
        return sb.bundle().bind(o.dir(), "/out", "bind").args("/probe", "sleep", "100");
    }

    @Test
    @Requirement(file = "config.md", heading = "Prestart",
            text = "The prestart hooks MUST be called as part of the create operation after the runtime environment has been created but before the pivot_root; the prestart hooks MUST be executed in the runtime namespace")
    void prestartRunsDuringCreateInTheRuntimeNamespace(Sandbox sb) throws IOException {
        Out o = out(sb);
        var b = sleeper(sb, o);
        b.hook("prestart", o.script().toString(), o.args("prestart"));
        Container c = sb.create(b.build());
        assertTrue(o.has("prestart.state"), "the prestart hook had not run when create returned");
        assertEquals(hostNs("mnt"), o.file("prestart.mntns"), "prestart ran outside the runtime mount namespace");
        assertEquals(hostNs("net"), o.file("prestart.netns"), "prestart ran outside the runtime network namespace");
        assertEquals(String.valueOf(c.pidFromFile()), o.file("prestart.pid"), "state pid");
        assertNotEquals(hostNs("net"), o.file("prestart.ctnetns"), "the container's network namespace did not exist yet");
        assertEquals("created", c.status());
    }

    @Test
    @Requirement(file = "config.md", heading = "CreateRuntime Hooks",
            text = "The createRuntime hooks MUST be called as part of the create operation after the runtime environment has been created (the mount namespace created and the mount operations performed) but before the pivot_root; executed in the runtime namespace")
    void createRuntimeSeesTheMountsBeforePivotRoot(Sandbox sb) throws IOException {
        Out o = out(sb);
        var b = sleeper(sb, o);
        b.hook("createRuntime", o.script().toString(), o.args("createRuntime"));
        Container c = sb.create(b.build());
        assertTrue(o.has("createRuntime.state"), "the createRuntime hook had not run when create returned");
        assertEquals(hostNs("mnt"), o.file("createRuntime.mntns"), "createRuntime ran outside the runtime mount namespace");
        String rootfs = c.bundle().rootfs().toRealPath().toString();
        String mounts = o.file("createRuntime.ctmounts");
        assertTrue(mounts.contains(" " + rootfs + "/out "),
                "the bind mount at " + rootfs + "/out was not in the container's mount table (mounts not done, or pivot_root already done):\n" + mounts);
    }

    @Test
    @Requirement(file = "config.md", heading = "CreateContainer Hooks",
            text = "The createContainer hooks MUST be called after the createRuntime hooks; path MUST resolve in the runtime namespace; MUST be executed in the container namespace, after the mount namespace was set up and before pivot_root")
    void createContainerRunsInTheContainerNamespaceAfterCreateRuntime(Sandbox sb) throws IOException {
        Out o = out(sb);
        var b = sleeper(sb, o);
        b.hook("createContainer", o.script().toString(), o.args("createContainer"));
        b.hook("createRuntime", o.script().toString(), o.args("createRuntime"));
        Container c = sb.create(b.build());
        assertEquals(List.of("createRuntime", "createContainer"), o.order(), "hook order during create");
        String ctMnt = Files.readSymbolicLink(Path.of("/proc/" + c.pidFromFile() + "/ns/mnt")).toString();
        assertEquals(ctMnt, o.file("createContainer.mntns"), "createContainer did not run in the container mount namespace");
        assertNotEquals(hostNs("mnt"), o.file("createContainer.mntns"));
        // the host path of the script resolved, and the container's mounts were in place
        String rootfs = c.bundle().rootfs().toRealPath().toString();
        assertTrue(o.file("createContainer.mounts").contains(" " + rootfs + "/out "),
                "the bind mount at " + rootfs + "/out was not set up before createContainer:\n" + o.file("createContainer.mounts"));
    }

    @Test
    @Requirement(file = "config.md", heading = "StartContainer Hooks",
            text = "The startContainer hooks MUST be called before the user-specified process is executed as part of the start operation; path MUST resolve in the container namespace; MUST be executed in the container namespace")
    void startContainerRunsInsideBeforeTheProgram(Sandbox sb) throws IOException {
        Out o = out(sb);
        // the hook exists only in the rootfs: its path must resolve in the container
        var b = sb.bundle().bind(o.dir(), "/out", "bind")
                .rootfsFile("only-in-container-hook.sh",
                        "#!/bin/sh\nreadlink /proc/self/ns/mnt > /out/hook.mntns\necho hook > /tmp/hook-ran\n", "rwxr-xr-x")
                .shell("readlink /proc/self/ns/mnt > /out/process.mntns; cat /tmp/hook-ran > /out/process.saw 2>&1; exec /probe sleep 100");
        b.hook("startContainer", "/only-in-container-hook.sh");
        assertFalse(Files.exists(Path.of("/only-in-container-hook.sh")));
        Container c = sb.create(b.build());
        assertFalse(o.has("hook.mntns"), "the startContainer hook ran during create");
        c.start();
        Container.awaitFile(o.dir().resolve("process.saw"), WAIT);
        assertEquals("hook", o.file("process.saw"), "the program ran before the startContainer hook");
        assertEquals(o.file("process.mntns"), o.file("hook.mntns"), "the hook did not run in the container mount namespace");
        assertNotEquals(hostNs("mnt"), o.file("hook.mntns"));
    }

    @Test
    @Requirement(file = "config.md", heading = "Poststart",
            text = "The poststart hooks MUST be called after the user-specified process is executed but before the start operation returns; executed in the runtime namespace")
    @Deviation(runtime = "runc", reason = "runc 1.1 runs poststart hooks during create, before the user process is executed")
    void poststartRunsAfterTheProgramIsExecuted(Sandbox sb) throws IOException {
        Out o = out(sb);
        var b = sleeper(sb, o);
        b.hook("poststart", o.script().toString(), o.args("poststart"));
        Container c = sb.create(b.build());
        assertFalse(o.has("poststart.state"), "the poststart hook ran during create");
        c.start();
        assertTrue(o.has("poststart.state"), "the poststart hook had not run when start returned");
        assertEquals(hostNs("mnt"), o.file("poststart.mntns"), "poststart ran outside the runtime mount namespace");
        assertEquals("/probe sleep 100", o.file("poststart.cmdline"), "the container process had not executed the program");
    }

    @Test
    @Requirement(file = "config.md", heading = "Poststop",
            text = "The poststop hooks MUST be called after the container is deleted but before the delete operation returns; executed in the runtime namespace")
    void poststopRunsAfterDeletionBeforeDeleteReturns(Sandbox sb) throws IOException {
        Out o = out(sb);
        Path check = sb.dir().resolve("check.sh");
        // listed after the recording hook: is the container's cgroup (a resource of the container) gone?
        Files.writeString(check, "#!/bin/sh\nif [ -d \"$(cat \"$1/cgroup-path\")\" ]; then echo present; else echo gone; fi > \"$1/cgroup\"\n");
        Files.setPosixFilePermissions(check, PosixFilePermissions.fromString("rwxr-xr-x"));
        var b = sleeper(sb, o);
        b.resources().putObject("pids").put("limit", 50);
        b.hook("poststop", o.script().toString(), o.args("poststop"));
        b.hook("poststop", check.toString(), check.toString(), o.dir().toString());
        Container c = sb.create(b.build());
        Files.writeString(o.dir().resolve("cgroup-path"), HostCgroups.dir(c.pidFromFile(), "pids").toString());
        c.start();
        c.kill("KILL");
        c.awaitStatus("stopped", WAIT);
        assertFalse(o.has("poststop.state"), "poststop ran before delete");
        c.delete();
        assertTrue(o.has("poststop.state"), "the poststop hook had not run when delete returned");
        assertEquals(hostNs("mnt"), o.file("poststop.mntns"), "poststop ran outside the runtime mount namespace");
        assertEquals("gone", o.file("cgroup"), "the container's cgroup still existed when poststop ran: the container was not deleted yet");
    }
}
