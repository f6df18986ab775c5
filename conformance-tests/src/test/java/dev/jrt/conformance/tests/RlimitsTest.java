package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jrt.conformance.Deviation;
import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.Sandbox;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * config.md "POSIX process" rlimits. Values stay below this host's hard
 * limits: without CAP_SYS_RESOURCE in the bounding set no process can raise one.
 */
@ConformanceTest
class RlimitsTest {

    @Test
    @Requirement(file = "config.md", heading = "POSIX process",
            text = "For each entry in rlimits, a getrlimit(3) on type MUST succeed; rlim.rlim_cur MUST match the configured value; rlim.rlim_max MUST match the configured value")
    void rlimitsMatchTheConfiguredValues(Sandbox sb) {
        ProbeReport p = sb.report(sb.bundle().rlimit("RLIMIT_NOFILE", 512, 1000)
                .rlimit("RLIMIT_CORE", 4096, 8192).rlimit("RLIMIT_NPROC", 300, 400).build());
        assertEquals(BigInteger.valueOf(512), p.rlimitSoft("RLIMIT_NOFILE"));
        assertEquals(BigInteger.valueOf(1000), p.rlimitHard("RLIMIT_NOFILE"));
        assertEquals(BigInteger.valueOf(4096), p.rlimitSoft("RLIMIT_CORE"));
        assertEquals(BigInteger.valueOf(8192), p.rlimitHard("RLIMIT_CORE"));
        assertEquals(BigInteger.valueOf(300), p.rlimitSoft("RLIMIT_NPROC"));
        assertEquals(BigInteger.valueOf(400), p.rlimitHard("RLIMIT_NPROC"));
    }

    @Test
    @Requirement(file = "config.md", heading = "POSIX process",
            text = "The runtime MUST generate an error for any values which cannot be mapped to a relevant kernel interface (unknown rlimit type)")
    void anUnknownRlimitTypeIsAnError(Sandbox sb) {
        assertFalse(sb.tryRun(sb.bundle().rlimit("RLIMIT_NOT_A_LIMIT", 1, 1).build()).ok());
    }

    @Test
    @Requirement(file = "config.md", heading = "POSIX process",
            text = "If rlimits contains duplicated entries with same type, the runtime MUST generate an error")
    @Deviation(runtime = "runc", reason = "runc 1.1 does not check rlimits for duplicates: the last entry wins (libcontainer/specconv createLibContainerRlimit)")
    void duplicatedRlimitTypesAreAnError(Sandbox sb) {
        assertFalse(sb.tryRun(sb.bundle().rlimit("RLIMIT_NOFILE", 512, 1000).rlimit("RLIMIT_NOFILE", 256, 1000).build()).ok());
    }

    @Test
    @Requirement(file = "config.md", heading = "POSIX process",
            text = "rlimits: a hard limit above the runtime's own cannot be set without CAP_SYS_RESOURCE: create fails (setrlimit(2) EPERM)")
    void aHardLimitAboveTheRuntimesOwnIsAnError(Sandbox sb) throws Exception {
        java.util.List<String> limits = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/limits"));
        String[] nofile = limits.get(8).trim().split("\\s{2,}");
        org.junit.jupiter.api.Assumptions.assumeFalse("unlimited".equals(nofile[2]));
        long hard = Long.parseLong(nofile[2]);
        long capEff = Long.parseUnsignedLong(java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("CapEff:")).findFirst().orElseThrow().substring(7).trim(), 16);
        org.junit.jupiter.api.Assumptions.assumeTrue((capEff >> 24 & 1) == 0, "the runtime holds CAP_SYS_RESOURCE and may raise it");
        assertFalse(sb.tryRun(sb.bundle().rlimit("RLIMIT_NOFILE", 1024, hard + 1).build()).ok());
    }
}
