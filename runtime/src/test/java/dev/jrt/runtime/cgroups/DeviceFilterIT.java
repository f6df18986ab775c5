package dev.jrt.runtime.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.runtime.sys.Bpf;
import dev.jrt.runtime.sys.Fd;
import dev.jrt.runtime.sys.Syscalls;
import dev.jrt.runtime.testsupport.TestBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The device filter on a real kernel: a cgroup of the unified hierarchy (/sys/fs/cgroup/unified on
 * a hybrid host, /sys/fs/cgroup on a pure v2 one) gets the program, a shell moves itself into the
 * cgroup and opens devices. Root only.
 */
class DeviceFilterIT {
    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        TestBundle.assumeRootIntegration();
        Path unified = CgroupHost.detect().unified();
        Assumptions.assumeTrue(unified != null, "no cgroup2 hierarchy on this host");
        dir = unified.resolve("jrt-devfilter-it-" + ProcessHandle.current().pid());
        Files.createDirectories(dir);
    }

    @AfterEach
    void tearDown() {
        if (dir != null) {
            CgroupFiles.removeTree(dir);
        }
    }

    /** Each path opened read-write (or read-only with a trailing "<") by a shell in the cgroup: "" or the error. */
    private List<String> openInCgroup(String... paths) throws Exception {
        StringBuilder script = new StringBuilder("echo $$ > '" + dir + "/cgroup.procs' || exit 99\n");
        for (String p : paths) {
            String redirect = p.endsWith("<") ? "3< " + p.substring(0, p.length() - 1) : "3<> " + p;
            script.append("echo \"$( (exec ").append(redirect).append(") 2>&1 )\"\n");
        }
        Process proc = new ProcessBuilder("/bin/sh", "-c", script.toString()).redirectErrorStream(true).start();
        assertTrue(proc.waitFor(20, TimeUnit.SECONDS));
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, proc.exitValue(), out);
        List<String> lines = new ArrayList<>(List.of(out.split("\n", -1)));
        lines.remove(lines.size() - 1);
        assertEquals(paths.length, lines.size(), out);
        return lines;
    }

    private static void assertDenied(String result) {
        assertTrue(result.contains("Operation not permitted"), "EPERM expected: " + result);
    }

    @Test
    void onlyWhatTheRulesAllowOpens() throws Exception {
        DeviceFilterProgram p = DeviceFilterProgram.build(List.of(new DeviceRule(true, 'c', 1, 3, "rw")), 1);
        Bpf.replaceCgroupDeviceFilter(dir.toString(), p.bytes(), DeviceFilterProgram.LICENSE, "jrt_test");
        List<String> r = openInCgroup("/dev/null", "/dev/zero");
        assertEquals("", r.get(0), "/dev/null");
        assertDenied(r.get(1));
    }

    @Test
    void theContainerFilterAllowsTheDefaultsAndIsReplacedOnUpdate() throws Exception {
        V2CgroupManager cgroup = new V2CgroupManager(dir);
        cgroup.applyDevices(List.of(new DeviceRule(false, 'a', -1, -1, "rwm")));
        // /dev/kmsg (1:11) is in no default rule
        List<String> r = openInCgroup("/dev/null", "/dev/zero", "/dev/full", "/dev/urandom<", "/dev/kmsg<");
        assertEquals(List.of("", "", "", ""), r.subList(0, 4));
        assertDenied(r.get(4));
        assertEquals(1, attached());

        cgroup.applyDevices(List.of(new DeviceRule(true, 'c', 1, 11, "r")));
        r = openInCgroup("/dev/kmsg<", "/dev/kmsg");
        assertEquals("", r.get(0), "read is allowed now");
        assertDenied(r.get(1));
        assertEquals(1, attached(), "the new program replaced the old one");
    }

    @Test
    void aBadRuleNamesItsField() {
        V2CgroupManager cgroup = new V2CgroupManager(dir);
        CgroupException e = assertThrows(CgroupException.class,
                () -> cgroup.applyDevices(List.of(new DeviceRule(true, 'c', 1, 11, "rq"))));
        assertTrue(e.getMessage().startsWith("/linux/resources/devices/0/access: "), e.getMessage());
    }

    private int attached() {
        try (Fd fd = Syscalls.open(dir.toString(), Syscalls.O_RDONLY | Syscalls.O_DIRECTORY, 0)) {
            return Bpf.queryCgroupDevicePrograms(fd).size();
        }
    }
}
