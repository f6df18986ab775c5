package dev.jrt.runtime.security;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.plan.Rlimits;
import dev.jrt.spec.model.PosixRlimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Refuses, before anything is spawned, an rlimit whose hard limit is above jrt's own: only
 * CAP_SYS_RESOURCE in the initial user namespace may raise a hard limit, and the container's
 * init would fail setrlimit with EPERM much later and less clearly.
 */
public final class RlimitPolicy {
    static final int CAP_SYS_RESOURCE = 24;

    private RlimitPolicy() {}

    /** Hard limits of this process by resource number, from /proc/self/limits (-1 = unlimited). */
    public static long[] ownHardLimits() {
        try {
            return hardLimits(Files.readAllLines(Path.of("/proc/self/limits")));
        } catch (IOException e) {
            throw new OciRuntimeException("read /proc/self/limits: " + e.getMessage(), e);
        }
    }

    /** Parses /proc/<pid>/limits: a header, then one row per resource in resource order. */
    static long[] hardLimits(List<String> lines) {
        long[] hard = new long[Rlimits.NAMES.size()];
        for (int i = 0; i < hard.length && i + 1 < lines.size(); i++) {
            String[] cols = lines.get(i + 1).trim().split("\\s{2,}");
            hard[i] = "unlimited".equals(cols[2]) ? -1L : Long.parseUnsignedLong(cols[2]);
        }
        return hard;
    }

    /**
     * @param canRaise whether the container's init may raise hard limits (jrt holds
     *                 CAP_SYS_RESOURCE and the container has no new user namespace)
     */
    public static void check(List<PosixRlimit> rlimits, long[] callerHard, boolean canRaise) {
        if (rlimits == null || canRaise) {
            return;
        }
        for (int i = 0; i < rlimits.size(); i++) {
            PosixRlimit r = rlimits.get(i);
            int resource = Rlimits.number(r.type());
            long mine = callerHard[resource];
            if (r.hard() != null && Long.compareUnsigned(r.hard(), mine) > 0) {
                throw new OciRuntimeException("config.json: /process/rlimits/" + i + "/hard: " + r.type()
                        + " hard limit " + show(r.hard()) + " is above jrt's own hard limit " + show(mine)
                        + "; raising a hard limit needs CAP_SYS_RESOURCE in the host's user namespace;"
                        + " allowed: at most " + show(mine));
            }
        }
    }

    private static String show(long v) {
        return v == -1L ? "unlimited" : Long.toUnsignedString(v);
    }
}
