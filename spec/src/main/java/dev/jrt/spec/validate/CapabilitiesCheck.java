package dev.jrt.spec.validate;

import dev.jrt.spec.model.Known;
import dev.jrt.spec.model.LinuxCapabilities;
import dev.jrt.spec.model.Spec;

import java.util.ArrayList;
import java.util.List;

/** Every name in the five capability sets is a capability jrt knows ({@code CAP_*} of capabilities(7)). */
final class CapabilitiesCheck implements Check {

    @Override
    public List<Problem> check(Spec spec) {
        if (spec.process() == null || spec.process().capabilities() == null) {
            return List.of();
        }
        LinuxCapabilities caps = spec.process().capabilities();
        List<Problem> problems = new ArrayList<>();
        checkSet("bounding", caps.bounding(), problems);
        checkSet("effective", caps.effective(), problems);
        checkSet("inheritable", caps.inheritable(), problems);
        checkSet("permitted", caps.permitted(), problems);
        checkSet("ambient", caps.ambient(), problems);
        return problems;
    }

    private static void checkSet(String set, List<String> names, List<Problem> problems) {
        for (int i = 0; names != null && i < names.size(); i++) {
            String name = names.get(i);
            if (!Known.CAPABILITIES.contains(name)) {
                problems.add(new Problem(Pointer.of("process", "capabilities", set, i),
                        Messages.unknown("capability", String.valueOf(name), Known.CAPABILITIES)));
            }
        }
    }
}
