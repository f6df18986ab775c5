package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** config-linux.md "Sysctl". */
@ConformanceTest
class SysctlTest {

    @Test
    @Requirement(file = "config-linux.md", heading = "Sysctl",
            text = "sysctl allows kernel parameters to be modified at runtime for the container (net.* in the container's network namespace)")
    void aNetworkSysctlIsSetInTheContainer(Sandbox sb) throws Exception {
        String host = Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).trim();
        String want = host.equals("1") ? "0" : "1";
        var b = sb.bundle().sysctl("net.ipv4.ip_forward", want).args("/probe", "cat", "/proc/sys/net/ipv4/ip_forward");
        assertEquals(want, sb.run(b.build()).stdout().trim());
        assertEquals(host, Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).trim(), "the host's value changed");
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Sysctl",
            text = "sysctl allows kernel parameters to be modified at runtime for the container (kernel.* ipc sysctl in the ipc namespace)")
    void anIpcSysctlIsSetInTheContainer(Sandbox sb) {
        var b = sb.bundle().sysctl("kernel.msgmax", "4096").args("/probe", "cat", "/proc/sys/kernel/msgmax");
        assertEquals("4096", sb.run(b.build()).stdout().trim());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Sysctl",
            text = "an unknown sysctl is an invalid value: runtimes MUST generate an error")
    void anUnknownSysctlIsAnError(Sandbox sb) {
        assertFalse(sb.tryRun(sb.bundle().sysctl("net.ipv4.not_a_sysctl", "1").build()).ok());
    }
}
