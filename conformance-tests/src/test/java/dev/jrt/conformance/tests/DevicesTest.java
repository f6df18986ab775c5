package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Deviation;
import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.CliResult;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** config-linux.md "Devices" and "Default Devices"; runtime-linux.md "Dev symbolic links". */
@ConformanceTest
class DevicesTest {

    private static ProbeReport stat(Sandbox sb, String path) {
        return ProbeReport.parse(sb.tryRun(sb.bundle().args("/probe", "stat", path).build()).stdout());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/dev/null,1,3", "/dev/zero,1,5", "/dev/full,1,7", "/dev/random,1,8", "/dev/urandom,1,9", "/dev/tty,5,0"})
    @Requirement(file = "config-linux.md", heading = "Default Devices",
            text = "In addition to any devices configured with this setting, the runtime MUST also supply /dev/null, /dev/zero, /dev/full, /dev/random, /dev/urandom, /dev/tty")
    void aDefaultDeviceIsSupplied(String path, int major, int minor, Sandbox sb) {
        ProbeReport p = stat(sb, path);
        assertEquals("char", p.text("type"), path + ": " + p);
        assertEquals(major, p.json().path("major").asInt(), path + ": " + p);
        assertEquals(minor, p.json().path("minor").asInt(), path + ": " + p);
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Default Devices",
            text = "/dev/ptmx: a bind-mount or symlink of the container's /dev/pts/ptmx")
    void ptmxIsTheContainersPtsPtmx(Sandbox sb) {
        ProbeReport p = stat(sb, "/dev/ptmx");
        if ("symlink".equals(p.text("type"))) {
            assertTrue(p.text("target").equals("pts/ptmx") || p.text("target").equals("/dev/pts/ptmx"), p.toString());
        } else {
            CliResult r = sb.run(sb.bundle().shell("stat -c %d:%i /dev/ptmx /dev/pts/ptmx").build());
            String[] l = r.stdout().trim().split("\n");
            assertEquals(l[0], l[1], "/dev/ptmx is neither a symlink to nor a bind mount of /dev/pts/ptmx");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/dev/fd,/proc/self/fd", "/dev/stdin,/proc/self/fd/0", "/dev/stdout,/proc/self/fd/1", "/dev/stderr,/proc/self/fd/2"})
    @Requirement(file = "runtime-linux.md", heading = "Dev symbolic links",
            text = "runtimes MUST create the following symlinks if the source file exists after processing mounts: /dev/fd, /dev/stdin, /dev/stdout, /dev/stderr")
    void aDevSymlinkIsCreated(String path, String target, Sandbox sb) {
        ProbeReport p = stat(sb, path);
        assertEquals("symlink", p.text("type"), p.toString());
        assertEquals(target, p.text("target"));
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Devices",
            text = "devices lists devices that MUST be available in the container (path, type, major, minor, fileMode, uid, gid)")
    void aConfiguredDeviceIsCreated(Sandbox sb) {
        var b = sb.bundle().args("/probe", "stat", "/dev/conformance-null");
        b.linux().putArray("devices").addObject().put("path", "/dev/conformance-null").put("type", "c")
                .put("major", 1).put("minor", 3).put("fileMode", 0640).put("uid", 1234).put("gid", 5678);
        ProbeReport p = ProbeReport.parse(sb.run(b.build()).stdout());
        assertEquals("char", p.text("type"), p.toString());
        assertEquals(1, p.json().path("major").asInt());
        assertEquals(3, p.json().path("minor").asInt());
        assertEquals("0640", p.text("mode"));
        assertEquals(1234, p.json().path("uid").asInt());
        assertEquals(5678, p.json().path("gid").asInt());
    }

    /**
     * c 240:0 (no driver: an allowed open fails with ENXIO, a denied one with EPERM) listed in
     * linux.devices, under a device list that denies all and then, or not, allows it. runc 1.1 and
     * crun 1.8 (cgroup v1 and v2) leave the device cgroup to linux.resources.devices: the node
     * exists either way, only the allow list decides whether it can be opened.
     */
    private static ProbeReport writeConfiguredDevice(Sandbox sb, boolean allowed) {
        var b = sb.bundle().args("/probe", "write", "/dev/d240", "x");
        b.linux().putArray("devices").addObject().put("path", "/dev/d240").put("type", "c")
                .put("major", 240).put("minor", 0).put("fileMode", 0666).put("uid", 0).put("gid", 0);
        var rules = b.resources().putArray("devices");
        rules.addObject().put("allow", false).put("access", "rwm");
        if (allowed) {
            rules.addObject().put("allow", true).put("type", "c").put("major", 240).put("minor", 0).put("access", "rw");
        }
        return ProbeReport.parse(sb.tryRun(b.build()).stdout());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Devices",
            text = "devices lists devices that MUST be available in the container (one the allowed device list permits can be opened)")
    void aConfiguredDeviceTheAllowListPermitsCanBeOpened(Sandbox sb) {
        ProbeReport p = writeConfiguredDevice(sb, true);
        assertEquals(6, p.errno(), "open reached the driverless device (ENXIO): " + p);
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Allowed Device list",
            text = "The runtime MUST apply entries in the listed order (deny all also denies a device listed in linux.devices)")
    void aConfiguredDeviceIsStillSubjectToTheAllowList(Sandbox sb) {
        ProbeReport p = writeConfiguredDevice(sb, false);
        assertEquals(1, p.errno(), "open of a device the list denies (EPERM): " + p);
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Devices",
            text = "If a file already exists at path that does not match the requested device, the runtime MUST generate an error")
    @Deviation(runtime = "runc", reason = "runc ignores EEXIST from mknod and keeps the existing file (libcontainer/rootfs_linux.go createDeviceNode)")
    void aConflictingFileAtADevicePathIsAnError(Sandbox sb) {
        var b = sb.bundle().rootfsFile("srv/dev-here", "a regular file", "rw-r--r--");
        b.linux().putArray("devices").addObject().put("path", "/srv/dev-here").put("type", "c").put("major", 1).put("minor", 3);
        assertFalse(sb.tryRun(b.build()).ok(), "a device was created over an existing regular file");
    }
}
