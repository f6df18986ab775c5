package dev.jrt.spec.validate;

import dev.jrt.spec.model.Known;
import dev.jrt.spec.model.Scheduler;
import dev.jrt.spec.model.Spec;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code process.scheduler} as sched_setattr(2) takes it, with runc's rules: a known policy
 * and flags, nice from -20 to 19, a priority only for the real-time policies, and
 * runtime/deadline/period only for SCHED_DEADLINE.
 */
final class SchedulerCheck implements Check {

    @Override
    public List<Problem> check(Spec spec) {
        if (spec.process() == null || spec.process().scheduler() == null) {
            return List.of();
        }
        Scheduler s = spec.process().scheduler();
        List<Problem> problems = new ArrayList<>();
        String policy = s.policy();
        if (policy == null || policy.isEmpty()) {
            problems.add(new Problem("/process/scheduler/policy", "is required"));
        } else if (!Known.SCHEDULER_POLICIES.contains(policy)) {
            problems.add(new Problem("/process/scheduler/policy",
                    Messages.unknown("policy", policy, Known.SCHEDULER_POLICIES)));
        }
        List<String> flags = s.flags();
        for (int i = 0; flags != null && i < flags.size(); i++) {
            if (!Known.SCHEDULER_FLAGS.contains(flags.get(i))) {
                problems.add(new Problem(Pointer.of("process", "scheduler", "flags", i),
                        Messages.unknown("flag", String.valueOf(flags.get(i)), Known.SCHEDULER_FLAGS)));
            }
        }
        if (s.nice() != null && (s.nice() < -20 || s.nice() > 19)) {
            problems.add(new Problem("/process/scheduler/nice", "must be between -20 and 19, got " + s.nice()));
        }
        boolean realtime = "SCHED_FIFO".equals(policy) || "SCHED_RR".equals(policy);
        if (s.priority() != null && s.priority() != 0 && !realtime) {
            problems.add(new Problem("/process/scheduler/priority",
                    "only SCHED_FIFO and SCHED_RR take a priority"));
        }
        if (!"SCHED_DEADLINE".equals(policy)) {
            deadlineOnly("runtime", s.runtime(), problems);
            deadlineOnly("deadline", s.deadline(), problems);
            deadlineOnly("period", s.period(), problems);
        }
        return problems;
    }

    private static void deadlineOnly(String field, Long value, List<Problem> problems) {
        if (value != null && value != 0) {
            problems.add(new Problem(Pointer.of("process", "scheduler", field), "only SCHED_DEADLINE takes a " + field));
        }
    }
}
