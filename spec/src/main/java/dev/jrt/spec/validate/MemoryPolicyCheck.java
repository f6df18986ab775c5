package dev.jrt.spec.validate;

import dev.jrt.spec.model.Known;
import dev.jrt.spec.model.LinuxMemoryPolicy;
import dev.jrt.spec.model.Spec;

import java.util.ArrayList;
import java.util.List;

/** {@code linux.memoryPolicy}: a known set_mempolicy(2) mode and flags. */
final class MemoryPolicyCheck implements Check {

    @Override
    public List<Problem> check(Spec spec) {
        LinuxMemoryPolicy policy = spec.linux() == null ? null : spec.linux().memoryPolicy();
        if (policy == null) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        String mode = policy.mode();
        if (mode == null || mode.isEmpty()) {
            problems.add(new Problem("/linux/memoryPolicy/mode", "is required"));
        } else if (!Known.MEMORY_POLICY_MODES.contains(mode)) {
            problems.add(new Problem("/linux/memoryPolicy/mode",
                    Messages.unknown("mode", mode, Known.MEMORY_POLICY_MODES)));
        }
        List<String> flags = policy.flags();
        for (int i = 0; flags != null && i < flags.size(); i++) {
            if (!Known.MEMORY_POLICY_FLAGS.contains(flags.get(i))) {
                problems.add(new Problem(Pointer.of("linux", "memoryPolicy", "flags", i),
                        Messages.unknown("flag", String.valueOf(flags.get(i)), Known.MEMORY_POLICY_FLAGS)));
            }
        }
        return problems;
    }
}
