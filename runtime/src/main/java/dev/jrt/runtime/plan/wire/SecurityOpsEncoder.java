package dev.jrt.runtime.plan.wire;

import static dev.jrt.runtime.plan.wire.WireFormat.*;

import dev.jrt.runtime.plan.Op;

/** Wire bodies of the process-security ops (types 40-59, docs/executor.md). */
final class SecurityOpsEncoder {
    private SecurityOpsEncoder() {}

    static boolean encodes(Op op) {
        return op instanceof Op.Scheduler || op instanceof Op.IoPriority || op instanceof Op.CpuAffinity
                || op instanceof Op.MemoryPolicy;
    }

    static int encodeBody(Op op, WireWriter w) {
        if (op instanceof Op.Scheduler o) {
            w.u32(o.policy()).u64(o.flags()).u32(o.nice()).u32(o.priority()).u64(o.runtime()).u64(o.deadline())
                    .u64(o.period());
            return SCHEDULER;
        } else if (op instanceof Op.IoPriority o) {
            w.u32(o.ioClass()).u32(o.level());
            return IO_PRIORITY;
        } else if (op instanceof Op.CpuAffinity o) {
            w.bytes(o.mask());
            return CPU_AFFINITY;
        } else if (op instanceof Op.MemoryPolicy o) {
            w.u32(o.modeAndFlags()).bytes(o.nodes());
            return MEMORY_POLICY;
        }
        throw new IllegalArgumentException("no wire encoding for " + op.getClass().getName());
    }
}
