package dev.jrt.spec.validate;

import dev.jrt.spec.model.LinuxIntelRdt;
import dev.jrt.spec.model.Spec;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code linux.intelRdt}: closID names a single directory of the resctrl filesystem (or is
 * "/" for the default group), and each schemata entry is one line of the schemata file.
 */
final class IntelRdtCheck implements Check {

    @Override
    public List<Problem> check(Spec spec) {
        LinuxIntelRdt rdt = spec.linux() == null ? null : spec.linux().intelRdt();
        if (rdt == null) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        String closId = rdt.closId();
        if (closId != null && !closId.equals("/")
                && (closId.equals(".") || closId.equals("..") || closId.contains("/"))) {
            problems.add(new Problem("/linux/intelRdt/closID",
                    "must name one resctrl group (not \".\" or \"..\", no \"/\") or be \"/\", got "
                            + Messages.quote(closId)));
        }
        if (rdt.l3CacheSchema() != null && rdt.l3CacheSchema().contains("\n")) {
            problems.add(new Problem("/linux/intelRdt/l3CacheSchema", "must be a single line"));
        }
        List<String> schemata = rdt.schemata();
        for (int i = 0; schemata != null && i < schemata.size(); i++) {
            if (schemata.get(i) != null && schemata.get(i).contains("\n")) {
                problems.add(new Problem(Pointer.of("linux", "intelRdt", "schemata", i), "must be a single line"));
            }
        }
        return problems;
    }
}
