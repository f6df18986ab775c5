package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.Caps;
import dev.jrt.conformance.support.CliResult;
import dev.jrt.conformance.support.Container;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.MountInfo;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The general sections: runtime.md "Warnings", "Operations", "Hooks";
 * config.md "Specification version", "POSIX-platform Mounts",
 * "POSIX-platform User", "Platform-specific configuration".
 */
@ConformanceTest
class SpecGeneralTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Path script(Sandbox sb, String name, String body) throws IOException {
        Path s = sb.dir().resolve(name);
        Files.writeString(s, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
        return s;
    }

    // ---- runtime.md

    @Test
    @Requirement(file = "runtime.md", heading = "Warnings",
            text = "Unless otherwise stated, logging a warning does not change the flow of the operation; it MUST continue as if the warning had not been logged (an unknown capability name: the process gets exactly the other capabilities)")
    void aWarningDoesNotChangeTheOutcome(Sandbox sb) {
        ProbeReport plain = sb.report(sb.bundle().capabilities("CAP_KILL", "CAP_CHOWN").build());
        CliResult r = sb.tryRun(sb.bundle().capabilities("CAP_KILL", "CAP_NOT_A_REAL_CAPABILITY", "CAP_CHOWN").build());
        assertTrue(r.ok(), "run failed after a warning: " + r.describe());
        ProbeReport warned = ProbeReport.parse(r.stdout());
        for (String set : List.of("CapEff", "CapPrm", "CapBnd")) {
            assertEquals(plain.capabilities(set), warned.capabilities(set), set + " differs from the run without the unknown name");
        }
        assertEquals(Caps.mask("CAP_KILL") | Caps.mask("CAP_CHOWN"), warned.capabilities("CapEff"));
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Warnings",
            text = "logging a warning MUST continue as if the warning had not been logged (a failing poststop hook: delete succeeds and the container is gone)")
    void deleteContinuesAfterAPoststopWarning(Sandbox sb) throws IOException {
        Path fail = script(sb, "fail.sh", "exit 1");
        var b = sb.bundle().args("/probe", "exit", "0");
        b.hook("poststop", fail.toString());
        Container c = sb.create(b.build());
        c.start();
        c.awaitStatus("stopped", WAIT);
        CliResult d = c.tryDelete();
        assertTrue(d.ok(), "delete failed because of a poststop hook: " + d.describe());
        assertFalse(c.tryState().ok(), "the container still exists after delete");
        // the id is free again, as after any successful delete
        CliResult again = sb.cli().exec(dev.jrt.conformance.support.RuntimeCli.Call.of("run", "--bundle",
                sb.bundle().args("/probe", "exit", "0").build().dir().toString(), c.id()).timeout(Duration.ofSeconds(30)));
        assertTrue(again.ok(), "the id could not be reused: " + again.describe());
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Operations",
            text = "Unless otherwise stated, runtimes MUST support the following operations (state, create, start, kill, delete on one container)")
    void allFiveOperationsAreSupported(Sandbox sb) {
        Container c = sb.create(sb.bundle().args("/probe", "sleep", "100").build());
        assertEquals("created", c.status(), "state after create");
        c.start();
        assertEquals("running", c.awaitStatus("running", WAIT).path("status").asText());
        c.kill("KILL");
        c.awaitStatus("stopped", WAIT);
        c.delete();
        assertFalse(c.tryState().ok(), "state of a deleted container succeeded");
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Hooks",
            text = "Many of the operations have hooks that allow additional actions to be taken before or after each operation (create runs createRuntime, start runs poststart, delete runs poststop, each before it returns)")
    void operationsRunTheirHooksBeforeReturning(Sandbox sb) throws IOException {
        Path out = sb.hostDir("hooks");
        Path rec = script(sb, "rec.sh", "cat > /dev/null; echo \"$1\" >> '" + out + "/order'");
        var b = sb.bundle().args("/probe", "sleep", "100");
        b.hook("createRuntime", rec.toString(), rec.toString(), "createRuntime");
        b.hook("poststart", rec.toString(), rec.toString(), "poststart");
        b.hook("poststop", rec.toString(), rec.toString(), "poststop");
        Path order = out.resolve("order");
        Container c = sb.create(b.build());
        assertTrue(Files.readAllLines(order).contains("createRuntime"), "create returned before its hook ran");
        c.start();
        assertTrue(Files.readAllLines(order).contains("poststart"), "start returned before its hook ran");
        c.kill("KILL");
        c.awaitStatus("stopped", WAIT);
        assertFalse(Files.readAllLines(order).contains("poststop"), "poststop ran before delete");
        c.delete();
        assertTrue(Files.readAllLines(order).contains("poststop"), "delete returned before its hook ran");
    }

    // ---- config.md

    @Test
    @Requirement(file = "config.md", heading = "Specification version",
            text = "ociVersion (string, REQUIRED) MUST be in SemVer v2.0.0 format; the specification retains forward and backward compatibility within major versions (a bundle of an earlier 1.0 release runs)")
    void anEarlierMinorVersionBundleRuns(Sandbox sb) {
        for (String v : List.of("1.0.0", "1.0.1", "1.0.2")) {
            var b = sb.bundle().args("/probe", "exit", "0");
            b.config().put("ociVersion", v);
            CliResult r = sb.tryRun(b.build());
            assertTrue(r.ok(), "a bundle with ociVersion " + v + " was refused: " + r.describe());
        }
    }

    @Test
    @Requirement(file = "config.md", heading = "POSIX-platform Mounts",
            text = "type: the type of the filesystem to be mounted, as listed in /proc/filesystems; for bind mounts (options include bind or rbind) the type is a dummy, often \"none\"")
    void typeIsTheFilesystemOrADummyForBindMounts(Sandbox sb) throws IOException {
        Path host = sb.hostDir("data");
        Files.writeString(host.resolve("marker"), "from-host");
        var b = sb.bundle().mount("/bound", "none", host.toString(), "rbind", "ro")
                .mount("/scratch", "tmpfs", "tmpfs", "size=1m")
                .shell("cat /bound/marker; echo; /probe report");
        CliResult r = sb.run(b.build());
        assertEquals("from-host", r.stdout().lines().findFirst().orElse(""), "the bind mount with type none does not show the host directory");
        ProbeReport p = ProbeReport.parse(r.stdout());
        MountInfo bound = p.mountAt("/bound").orElseThrow(() -> new AssertionError("nothing mounted at /bound"));
        assertNotEquals("none", bound.fsType(), "the dummy type was used as a filesystem type");
        assertEquals("tmpfs", p.mountAt("/scratch").orElseThrow(() -> new AssertionError("nothing mounted at /scratch")).fsType());
    }

    @Test
    @Requirement(file = "config.md", heading = "POSIX-platform User",
            text = "uid, gid and additionalGids specify the user, group and additional group IDs in the container namespace")
    void idsAreInTheContainerNamespace(Sandbox sb) throws IOException {
        var b = sb.bundle().namespace("user").user(1000, 1001, 1002)
                .args("/probe", "sleep", "100");
        b.linux().putArray("uidMappings").addObject().put("containerID", 0).put("hostID", 200000).put("size", 65536);
        b.linux().putArray("gidMappings").addObject().put("containerID", 0).put("hostID", 200000).put("size", 65536);
        Files.setPosixFilePermissions(b.rootfs(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Container c = sb.create(b.build());
        String status = Files.readString(Path.of("/proc/" + c.pidFromFile() + "/status"));
        // as seen from the host (the runtime namespace): shifted by the mapping
        assertTrue(status.contains("\nUid:\t201000\t201000\t201000\t201000"), status);
        assertTrue(status.contains("\nGid:\t201001\t201001\t201001\t201001"), status);
        assertTrue(status.lines().anyMatch(l -> l.startsWith("Groups:") && List.of(l.substring(7).trim().split("\\s+")).contains("201002")), status);
        // as seen inside: the configured values
        var inside = sb.bundle().namespace("user").user(1000, 1001, 1002);
        inside.linux().putArray("uidMappings").addObject().put("containerID", 0).put("hostID", 200000).put("size", 65536);
        inside.linux().putArray("gidMappings").addObject().put("containerID", 0).put("hostID", 200000).put("size", 65536);
        ProbeReport p = sb.report(inside.build());
        assertEquals(1000, p.uid());
        assertEquals(1001, p.gid());
        assertTrue(p.groups().contains(1002L), "groups " + p.groups());
    }

    @Test
    @Requirement(file = "config.md", heading = "Platform-specific configuration",
            text = "linux (object, OPTIONAL) Linux-specific configuration, MAY be set if the target platform is linux (applied); another platform's object (solaris) does not apply on Linux")
    void theLinuxObjectAppliesAndOtherPlatformsDoNot(Sandbox sb) {
        var b = sb.bundle().shell("cat /proc/sys/kernel/msgmax; /probe report");
        b.linux().putObject("sysctl").put("kernel.msgmax", "12345");
        b.config().putObject("solaris").put("milestone", "svc:/milestone/container:default").put("limitpriv", "default");
        CliResult r = sb.run(b.build());
        assertEquals("12345", r.stdout().lines().findFirst().orElse(""), "linux.sysctl was not applied");
        try {
            assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/ipc")).toString(),
                    ProbeReport.parse(r.stdout()).namespace("ipc"), "linux.namespaces was not applied");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
