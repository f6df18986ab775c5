package dev.jrt.runtime.security;

import dev.jrt.runtime.sys.SeccompKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** seccomp(2) SECCOMP_FILTER_FLAG_* names of {@code linux.seccomp.flags} and their bits. */
public final class SeccompFlags {
    public static final int TSYNC = 1;
    public static final int LOG = 2;
    public static final int SPEC_ALLOW = 4;
    public static final int NEW_LISTENER = 8;
    public static final int WAIT_KILLABLE_RECV = 32;

    /** Every flag name this runtime knows (sorted). */
    public static final Map<String, Integer> BITS = Map.of(
            "SECCOMP_FILTER_FLAG_TSYNC", TSYNC, "SECCOMP_FILTER_FLAG_LOG", LOG,
            "SECCOMP_FILTER_FLAG_SPEC_ALLOW", SPEC_ALLOW, "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", WAIT_KILLABLE_RECV);

    private SeccompFlags() {}

    /** The seccomp(2) flags for a config: its flags, plus NEW_LISTENER when a listener gets the notify fd. */
    public static int of(List<String> names, boolean listener) {
        int flags = listener ? NEW_LISTENER : 0;
        for (String n : names == null ? List.<String>of() : names) {
            flags |= BITS.get(n);
        }
        return flags;
    }

    public static List<String> known() {
        return BITS.keySet().stream().sorted().toList();
    }

    /** The known flags the running kernel accepts (WAIT_KILLABLE_RECV is probed with NEW_LISTENER, which it needs). */
    public static List<String> supported() {
        List<String> out = new ArrayList<>();
        for (String n : known()) {
            int bit = BITS.get(n);
            if (SeccompKernel.flagsSupported(bit == WAIT_KILLABLE_RECV ? bit | NEW_LISTENER : bit)) {
                out.add(n);
            }
        }
        return out;
    }
}
