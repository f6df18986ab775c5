package dev.jrt.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.spec.model.PosixRlimit;
import java.util.List;
import org.junit.jupiter.api.Test;

class RlimitPolicyTest {
    static final List<String> LIMITS = List.of(
            "Limit                     Soft Limit           Hard Limit           Units     ",
            "Max cpu time              unlimited            unlimited            seconds   ",
            "Max file size             unlimited            unlimited            bytes     ",
            "Max data size             unlimited            unlimited            bytes     ",
            "Max stack size            8388608              unlimited            bytes     ",
            "Max core file size        0                    unlimited            bytes     ",
            "Max resident set          unlimited            unlimited            bytes     ",
            "Max processes             63438                63438                processes ",
            "Max open files            1024                 1048576              files     ",
            "Max locked memory         8388608              8388608              bytes     ",
            "Max address space         unlimited            unlimited            bytes     ",
            "Max file locks            unlimited            unlimited            locks     ",
            "Max pending signals       63438                63438                signals   ",
            "Max msgqueue size         819200               819200               bytes     ",
            "Max nice priority         0                    0                    ",
            "Max realtime priority     0                    0                    ",
            "Max realtime timeout      unlimited            unlimited            us        ");

    @Test
    void parsesProcLimitsInResourceOrder() {
        long[] hard = RlimitPolicy.hardLimits(LIMITS);
        assertEquals(-1L, hard[0]);
        assertEquals(63438, hard[6]);
        assertEquals(1048576, hard[7]);
        assertEquals(0, hard[13]);
        assertEquals(16, RlimitPolicy.ownHardLimits().length);
    }

    @Test
    void aHardLimitAboveJrtsOwnFailsNamingBothValues() {
        long[] hard = RlimitPolicy.hardLimits(LIMITS);
        List<PosixRlimit> ok = List.of(new PosixRlimit("RLIMIT_NOFILE", 1048576L, 4096L), new PosixRlimit("RLIMIT_CPU", -1L, -1L));
        RlimitPolicy.check(ok, hard, false);
        List<PosixRlimit> high = List.of(new PosixRlimit("RLIMIT_CPU", 1L, 1L), new PosixRlimit("RLIMIT_NOFILE", 2000000L, 1024L));
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> RlimitPolicy.check(high, hard, false));
        assertEquals("config.json: /process/rlimits/1/hard: RLIMIT_NOFILE hard limit 2000000 is above jrt's own hard limit"
                + " 1048576; raising a hard limit needs CAP_SYS_RESOURCE in the host's user namespace; allowed: at most 1048576",
                e.getMessage());
        RlimitPolicy.check(high, hard, true);
    }
}
