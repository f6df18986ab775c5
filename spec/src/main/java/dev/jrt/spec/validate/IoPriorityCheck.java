package dev.jrt.spec.validate;

import dev.jrt.spec.model.Known;
import dev.jrt.spec.model.LinuxIoPriority;
import dev.jrt.spec.model.Spec;

import java.util.ArrayList;
import java.util.List;

/** {@code process.ioPriority}: a known ioprio class and a level from 0 (highest) to 7 (lowest). */
final class IoPriorityCheck implements Check {

    @Override
    public List<Problem> check(Spec spec) {
        if (spec.process() == null || spec.process().ioPriority() == null) {
            return List.of();
        }
        LinuxIoPriority io = spec.process().ioPriority();
        List<Problem> problems = new ArrayList<>();
        if (io.ioClass() == null || io.ioClass().isEmpty()) {
            problems.add(new Problem("/process/ioPriority/class", "is required"));
        } else if (!Known.IO_PRIORITY_CLASSES.contains(io.ioClass())) {
            problems.add(new Problem("/process/ioPriority/class",
                    Messages.unknown("class", io.ioClass(), Known.IO_PRIORITY_CLASSES)));
        }
        if (io.priority() != null && (io.priority() < 0 || io.priority() > 7)) {
            problems.add(new Problem("/process/ioPriority/priority", "must be between 0 and 7, got " + io.priority()));
        }
        return problems;
    }
}
