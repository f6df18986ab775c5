package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jrt.conformance.Deviation;
import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.BundleBuilder;
import dev.jrt.conformance.support.Container;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * config.md "POSIX-platform Hooks" and runtime.md "Lifecycle" steps 3-13.
 * Hooks in the runtime namespace are /bin/sh scripts on the host; the
 * startContainer hook is a busybox script inside the rootfs. Every hook
 * appends its name to one "order" file and saves its stdin (the state).
 */
@ConformanceTest
class HooksTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Host script: $1 = name, $2 = output dir. */
    private static final String HOST_HOOK = """
            #!/bin/sh
            cat > "$2/$1.state"
            echo "$1" >> "$2/order"
            readlink /proc/self/ns/mnt > "$2/$1.mntns"
            echo "${HOOK_VAR:-unset}" > "$2/$1.env"
            echo "$0 $*" > "$2/$1.args"
            """;

    /** Container script (startContainer): writes into /out, the bind-mounted output dir. */
    private static final String CONTAINER_HOOK = """
            #!/bin/sh
            cat > "/out/$1.state"
            echo "$1" >> /out/order
            """;

    private record Hooks(Path out, Path script) {
        String[] args(String name) {
            return new String[] {script.toString(), name, out.toString()};
        }

        List<String> order() throws IOException {
            return Files.exists(out.resolve("order")) ? Files.readAllLines(out.resolve("order")) : List.of();
        }

        JsonNode state(String name) throws IOException {
            return BundleBuilder.json().readTree(Files.readString(out.resolve(name + ".state")));
        }

        String file(String name) throws IOException {
            return Files.readString(out.resolve(name)).trim();
        }
    }

    private static Hooks hostHooks(Sandbox sb) throws IOException {
        Path out = sb.hostDir("hooks");
        Path script = sb.dir().resolve("hook.sh");
        Files.writeString(script, HOST_HOOK);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new Hooks(out, script);
    }

    private static Path writeScript(Sandbox sb, String name, String body) throws IOException {
        Path script = sb.dir().resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static BundleBuilder allPhases(Sandbox sb, Hooks h) {
        BundleBuilder b = sb.bundle().bind(h.out(), "/out", "bind").shell("echo process >> /out/order; exec /probe sleep 100")
                .rootfsFile("hook.sh", CONTAINER_HOOK, "rwxr-xr-x");
        b.hook("prestart", h.script().toString(), h.args("prestart"));
        b.hook("createRuntime", h.script().toString(), h.args("createRuntime"));
        b.hook("createContainer", h.script().toString(), h.args("createContainer"));
        b.hook("startContainer", "/hook.sh", "/hook.sh", "startContainer");
        b.hook("poststart", h.script().toString(), h.args("poststart"));
        b.hook("poststop", h.script().toString(), h.args("poststop"));
        return b;
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Lifecycle",
            text = "steps 3-13: prestart, createRuntime, createContainer on create; startContainer before the program and poststart on start; poststop on delete")
    @Requirement(file = "config.md", heading = "POSIX-platform Hooks",
            text = "The prestart hooks MUST be called before the createRuntime hooks; createContainer after createRuntime; startContainer before the user-specified process; poststop before delete returns")
    @Deviation(runtime = "runc", reason = "runc 1.1 runs poststart hooks during create, not start (libcontainer/container_linux.go start() is shared by create and run)")
    void hooksRunInLifecycleOrder(Sandbox sb) throws Exception {
        Hooks h = hostHooks(sb);
        Container c = sb.create(allPhases(sb, h).build());
        assertEquals(List.of("prestart", "createRuntime", "createContainer"), h.order(), "after create");
        c.start();
        Container.awaitFile(h.out().resolve("poststart.state"), WAIT);
        long end = System.nanoTime() + WAIT.toNanos();
        while (!h.order().contains("process") && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        List<String> afterStart = h.order();
        assertEquals(List.of("prestart", "createRuntime", "createContainer", "startContainer"), afterStart.subList(0, 4), "after start");
        assertTrue(afterStart.containsAll(List.of("process", "poststart")), "after start: " + afterStart);
        assertFalse(afterStart.contains("poststop"), "poststop ran before delete: " + afterStart);
        c.kill("KILL");
        c.awaitStatus("stopped", WAIT);
        c.delete();
        List<String> all = h.order();
        assertEquals("poststop", all.get(all.size() - 1), "after delete: " + all);
    }

    @Test
    @Requirement(file = "config.md", heading = "POSIX-platform Hooks",
            text = "The state of the container MUST be passed to hooks over stdin")
    void everyHookReceivesTheStateOnStdin(Sandbox sb) throws Exception {
        Hooks h = hostHooks(sb);
        Container c = sb.create(allPhases(sb, h).build());
        c.start();
        Container.awaitFile(h.out().resolve("poststart.state"), WAIT);
        c.kill("KILL");
        c.awaitStatus("stopped", WAIT);
        c.delete();
        for (String phase : List.of("prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop")) {
            JsonNode st = h.state(phase);
            assertEquals(c.id(), st.path("id").asText(), phase + " state: " + st);
            assertEquals(c.bundle().dir().toString(), st.path("bundle").asText(), phase + " state: " + st);
            assertTrue(st.path("ociVersion").isTextual(), phase + " state: " + st);
            assertTrue(st.path("status").isTextual(), phase + " state: " + st);
        }
        for (String phase : List.of("prestart", "createRuntime", "poststart")) {
            assertEquals(c.pidFromFile(), h.state(phase).path("pid").asLong(), phase + ": pid as seen by the runtime");
        }
    }

    @Test
    @Requirement(file = "config.md", heading = "POSIX-platform Hooks",
            text = "prestart, createRuntime and poststart hooks MUST be executed in the runtime namespace; createContainer hooks MUST be executed in the container namespace")
    void hooksRunInTheirNamespaces(Sandbox sb) throws Exception {
        Hooks h = hostHooks(sb);
        String hostMnt = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString();
        Container c = sb.create(allPhases(sb, h).build());
        c.start();
        Container.awaitFile(h.out().resolve("poststart.state"), WAIT);
        String containerMnt = Files.readSymbolicLink(Path.of("/proc/" + c.pidFromFile() + "/ns/mnt")).toString();
        assertEquals(hostMnt, h.file("prestart.mntns"));
        assertEquals(hostMnt, h.file("createRuntime.mntns"));
        assertEquals(hostMnt, h.file("poststart.mntns"));
        assertNotEquals(hostMnt, h.file("createContainer.mntns"));
        assertEquals(containerMnt, h.file("createContainer.mntns"));
    }

    @Test
    @Requirement(file = "config.md", heading = "POSIX-platform Hooks",
            text = "path, args (same semantics as execv's argv) and env (same semantics as environ) of a hook")
    void hookArgsAndEnvArePassed(Sandbox sb) throws Exception {
        Hooks h = hostHooks(sb);
        var b = sb.bundle().args("/probe", "exit", "0");
        b.hook("createRuntime", h.script().toString(), "custom-argv0", "createRuntime", h.out().toString())
                .putArray("env").add("HOOK_VAR=from-config").add("PATH=/usr/bin:/bin");
        sb.create(b.build());
        assertEquals("from-config", h.file("createRuntime.env"));
        assertTrue(h.file("createRuntime.args").endsWith("createRuntime " + h.out()), h.file("createRuntime.args"));
    }

    @Test
    @Requirement(file = "config.md", heading = "POSIX-platform Hooks",
            text = "Hooks MUST be called in the listed order (several hooks of one phase)")
    void hooksOfOnePhaseRunInListedOrder(Sandbox sb) throws Exception {
        Hooks h = hostHooks(sb);
        var b = sb.bundle().args("/probe", "exit", "0");
        for (String n : List.of("first", "second", "third")) {
            b.hook("createRuntime", h.script().toString(), h.args(n));
        }
        sb.create(b.build());
        assertEquals(List.of("first", "second", "third"), h.order());
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Lifecycle",
            text = "step 3: if any prestart hook fails, the runtime MUST generate an error, stop the container, and continue the lifecycle at step 12")
    void aFailingPrestartHookFailsCreate(Sandbox sb) throws Exception {
        Path fail = writeScript(sb, "fail.sh", "exit 1");
        Path out = sb.hostDir("out");
        var b = sb.bundle().bind(out, "/out", "bind").shell("echo ran > /out/marker");
        b.hook("prestart", fail.toString());
        Container c = sb.tryCreate(b.build());
        assertFalse(c.createResult().ok(), "create succeeded although a prestart hook failed");
        if (c.tryState().ok()) {
            assertFalse(c.tryStart().ok(), "the container could be started");
        }
        Thread.sleep(200);
        assertFalse(Files.exists(out.resolve("marker")), "the user program ran");
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Lifecycle",
            text = "step 4: if any createRuntime hook fails, the runtime MUST generate an error, stop the container, and continue the lifecycle at step 12")
    void aFailingCreateRuntimeHookFailsCreate(Sandbox sb) throws Exception {
        Path fail = writeScript(sb, "fail.sh", "exit 1");
        var b = sb.bundle().args("/probe", "sleep", "100");
        b.hook("createRuntime", fail.toString());
        Container c = sb.tryCreate(b.build());
        assertFalse(c.createResult().ok(), "create succeeded although a createRuntime hook failed");
        assertFalse(c.tryState().ok() && "created".equals(c.status()), "a created container remains");
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Lifecycle",
            text = "step 7: if any startContainer hook fails, the runtime MUST generate an error, stop the container, and continue the lifecycle at step 12")
    @Deviation(runtime = "runc", reason = "runc 1.1 runs startContainer hooks in runc init after start has returned: the program does not run but start reports success")
    void aFailingStartContainerHookFailsStart(Sandbox sb) throws Exception {
        Path out = sb.hostDir("out");
        var b = sb.bundle().bind(out, "/out", "bind").shell("echo ran > /out/marker").rootfsFile("fail.sh", "#!/bin/sh\nexit 1\n", "rwxr-xr-x");
        b.hook("startContainer", "/fail.sh");
        Container c = sb.create(b.build());
        boolean started = c.tryStart().ok();
        Thread.sleep(300);
        assertFalse(Files.exists(out.resolve("marker")), "the user program ran");
        assertFalse(started, "start succeeded although a startContainer hook failed");
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Lifecycle",
            text = "step 13: if any poststop hook fails, the runtime MUST log a warning, but the remaining hooks and lifecycle continue as if the hook had succeeded")
    @Deviation(runtime = "runc", reason = "runc 1.1 stops at the first failing poststop hook (configs.Hooks.Run returns the first error); delete itself succeeds")
    void aFailingPoststopHookOnlyWarns(Sandbox sb) throws Exception {
        Hooks h = hostHooks(sb);
        Path fail = writeScript(sb, "fail.sh", "exit 1");
        var b = sb.bundle().args("/probe", "exit", "0");
        b.hook("poststop", fail.toString());
        b.hook("poststop", h.script().toString(), h.args("after-failure"));
        Container c = sb.create(b.build());
        c.start();
        c.awaitStatus("stopped", WAIT);
        c.delete();
        assertFalse(c.tryState().ok(), "container still exists");
        assertEquals(List.of("after-failure"), h.order(), "the hook after the failing one did not run");
    }

    @Test
    @Requirement(file = "config.md", heading = "POSIX-platform Hooks",
            text = "timeout is the number of seconds before aborting the hook (a hook exceeding it fails the operation)")
    void aHookIsAbortedAfterItsTimeout(Sandbox sb) throws Exception {
        Path slow = writeScript(sb, "slow.sh", "exec sleep 60");
        var b = sb.bundle().args("/probe", "exit", "0");
        b.hook("createRuntime", slow.toString()).put("timeout", 1);
        long t0 = System.nanoTime();
        Container c = sb.tryCreate(b.build());
        long secs = (System.nanoTime() - t0) / 1_000_000_000L;
        assertFalse(c.createResult().ok(), "create succeeded although the hook timed out");
        assertTrue(secs < 15, "create took " + secs + "s: the hook's 1s timeout was not applied");
    }
}
