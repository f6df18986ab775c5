package dev.jrt.spec.validate;

import dev.jrt.spec.model.Known;
import dev.jrt.spec.model.LinuxTimeOffset;
import dev.jrt.spec.model.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code linux.timeOffsets} need a new time namespace: offsets can only be written before
 * the first process enters it, so not into one that is joined. Clocks are those
 * time_namespaces(7) can offset, nanoseconds below one second.
 */
final class TimeOffsetsCheck implements Check {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    @Override
    public List<Problem> check(Spec spec) {
        if (spec.linux() == null || spec.linux().timeOffsets() == null) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        Namespaces namespaces = Namespaces.of(spec);
        if (!namespaces.has("time")) {
            problems.add(new Problem("/linux/timeOffsets", Messages.needsNamespace("time")));
        } else if (namespaces.joins("time")) {
            problems.add(new Problem("/linux/timeOffsets", "cannot be applied to a joined time namespace ("
                    + Pointer.of("linux", "namespaces", namespaces.indexOf("time"), "path") + " is set)"));
        }
        for (Map.Entry<String, LinuxTimeOffset> entry : spec.linux().timeOffsets().entrySet()) {
            String clock = entry.getKey();
            if (!Known.TIME_OFFSET_CLOCKS.contains(clock)) {
                problems.add(new Problem(Pointer.of("linux", "timeOffsets", clock),
                        Messages.unknown("clock", clock, Known.TIME_OFFSET_CLOCKS)));
            }
            LinuxTimeOffset offset = entry.getValue();
            if (offset != null && offset.nanosecs() != null
                    && (offset.nanosecs() < 0 || offset.nanosecs() >= NANOS_PER_SECOND)) {
                problems.add(new Problem(Pointer.of("linux", "timeOffsets", clock, "nanosecs"),
                        "must be between 0 and 999999999, got " + offset.nanosecs()));
            }
        }
        return problems;
    }
}
