package dev.jrt.spec.validate;

import dev.jrt.spec.model.Known;
import dev.jrt.spec.model.PosixRlimit;
import dev.jrt.spec.model.Spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each rlimit is a known {@code RLIMIT_*} resource, given once (config.md requires an error
 * for duplicates), with a soft limit not above the hard one (setrlimit(2) would refuse it).
 */
final class RlimitsCheck implements Check {

    @Override
    public List<Problem> check(Spec spec) {
        if (spec.process() == null || spec.process().rlimits() == null) {
            return List.of();
        }
        List<PosixRlimit> rlimits = spec.process().rlimits();
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < rlimits.size(); i++) {
            PosixRlimit rlimit = rlimits.get(i);
            if (rlimit == null) {
                continue;
            }
            String type = rlimit.type();
            if (!Known.RLIMITS.contains(type)) {
                problems.add(new Problem(Pointer.of("process", "rlimits", i, "type"),
                        Messages.unknown("rlimit", String.valueOf(type), Known.RLIMITS)));
            } else {
                Integer first = firstIndex.putIfAbsent(type, i);
                if (first != null) {
                    problems.add(new Problem(Pointer.of("process", "rlimits", i, "type"),
                            "duplicate rlimit " + Messages.quote(type) + " (first at "
                                    + Pointer.of("process", "rlimits", first) + ")"));
                }
            }
            if (rlimit.soft() != null && rlimit.hard() != null
                    && Long.compareUnsigned(rlimit.soft(), rlimit.hard()) > 0) {
                problems.add(new Problem(Pointer.of("process", "rlimits", i),
                        "soft limit " + Long.toUnsignedString(rlimit.soft()) + " is above hard limit "
                                + Long.toUnsignedString(rlimit.hard())));
            }
        }
        return problems;
    }
}
