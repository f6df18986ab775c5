package dev.jrt.runtime.plan;

import dev.jrt.spec.model.LinuxMemoryPolicy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code linux.memoryPolicy} as the arguments of set_mempolicy(2) (values from
 * linux/mempolicy.h). Whether a mode accepts the node list is left to the kernel, which knows
 * its own rules (MPOL_DEFAULT and MPOL_LOCAL take none, MPOL_PREFERRED at most one node);
 * its EINVAL comes back against the pointer, as runc reports it.
 */
public final class MemoryPolicies {
    public static final Map<String, Integer> MODES = ordered(
            "MPOL_DEFAULT", 0, "MPOL_PREFERRED", 1, "MPOL_BIND", 2, "MPOL_INTERLEAVE", 3, "MPOL_LOCAL", 4,
            "MPOL_PREFERRED_MANY", 5, "MPOL_WEIGHTED_INTERLEAVE", 6);
    public static final Map<String, Integer> FLAGS = ordered(
            "MPOL_F_NUMA_BALANCING", 1 << 13, "MPOL_F_RELATIVE_NODES", 1 << 14, "MPOL_F_STATIC_NODES", 1 << 15);

    private MemoryPolicies() {}

    /** The mode and flags are known: the spec's validation has checked them. */
    static Op.MemoryPolicy op(LinuxMemoryPolicy policy) {
        int modeAndFlags = MODES.get(policy.mode());
        if (policy.flags() != null) {
            for (String flag : policy.flags()) {
                modeAndFlags |= FLAGS.get(flag);
            }
        }
        String nodes = policy.nodes();
        byte[] mask = nodes == null || nodes.isBlank() ? new byte[0]
                : CpuList.parse("/linux/memoryPolicy/nodes", nodes, "memory node");
        return new Op.MemoryPolicy(modeAndFlags, mask);
    }

    private static Map<String, Integer> ordered(Object... pairs) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
