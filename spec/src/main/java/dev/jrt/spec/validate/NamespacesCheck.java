package dev.jrt.spec.validate;

import dev.jrt.spec.model.Known;
import dev.jrt.spec.model.LinuxNamespace;
import dev.jrt.spec.model.Spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code linux.namespaces}: known types, each at most once (config-linux.md requires an error
 * for duplicates), and a {@code path} to join only as an absolute path in the runtime's mount
 * namespace. Every type can be joined with setns(2); what a joined namespace cannot take
 * (time offsets) is reported by the check of that feature.
 */
final class NamespacesCheck implements Check {

    @Override
    public List<Problem> check(Spec spec) {
        if (spec.linux() == null || spec.linux().namespaces() == null) {
            return List.of();
        }
        List<LinuxNamespace> namespaces = spec.linux().namespaces();
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < namespaces.size(); i++) {
            LinuxNamespace ns = namespaces.get(i);
            if (ns == null) {
                continue;
            }
            String type = ns.type();
            if (!Known.NAMESPACES.contains(type)) {
                problems.add(new Problem(Pointer.of("linux", "namespaces", i, "type"),
                        Messages.unknown("namespace", String.valueOf(type), Known.NAMESPACES)));
            } else {
                Integer first = firstIndex.putIfAbsent(type, i);
                if (first != null) {
                    problems.add(new Problem(Pointer.of("linux", "namespaces", i, "type"),
                            "duplicate namespace " + Messages.quote(type) + " (first at "
                                    + Pointer.of("linux", "namespaces", first) + ")"));
                }
            }
            if (ns.joins() && !Messages.isAbsolute(ns.path())) {
                problems.add(new Problem(Pointer.of("linux", "namespaces", i, "path"), Messages.notAbsolute(ns.path())));
            }
        }
        return problems;
    }
}
