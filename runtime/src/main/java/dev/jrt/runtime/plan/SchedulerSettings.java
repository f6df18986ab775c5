package dev.jrt.runtime.plan;

import dev.jrt.spec.model.Scheduler;
import java.util.List;
import java.util.Map;

/** {@code process.scheduler} as sched_setattr(2) numbers. */
final class SchedulerSettings {
    static final Map<String, Integer> POLICIES = Map.of("SCHED_OTHER", 0, "SCHED_FIFO", 1, "SCHED_RR", 2,
            "SCHED_BATCH", 3, "SCHED_ISO", 4, "SCHED_IDLE", 5, "SCHED_DEADLINE", 6);

    static final Map<String, Long> FLAGS = Map.of("SCHED_FLAG_RESET_ON_FORK", 0x01L, "SCHED_FLAG_RECLAIM", 0x02L,
            "SCHED_FLAG_DL_OVERRUN", 0x04L, "SCHED_FLAG_KEEP_POLICY", 0x08L, "SCHED_FLAG_KEEP_PARAMS", 0x10L,
            "SCHED_FLAG_UTIL_CLAMP_MIN", 0x20L, "SCHED_FLAG_UTIL_CLAMP_MAX", 0x40L);

    private SchedulerSettings() {}

    static Op.Scheduler op(Scheduler s) {
        long flags = 0;
        for (String f : s.flags() == null ? List.<String>of() : s.flags()) {
            flags |= FLAGS.get(f);
        }
        return new Op.Scheduler(POLICIES.get(s.policy()), flags, s.nice() == null ? 0 : s.nice(),
                s.priority() == null ? 0 : s.priority(), s.runtime() == null ? 0 : s.runtime(),
                s.deadline() == null ? 0 : s.deadline(), s.period() == null ? 0 : s.period());
    }
}
