package dev.jrt.spec.validate;

import dev.jrt.spec.model.Spec;

import java.util.ArrayList;
import java.util.List;

/** Setting a hostname or domainname without a UTS namespace would rename the host (runc refuses it too). */
final class UtsCheck implements Check {

    @Override
    public List<Problem> check(Spec spec) {
        boolean hostname = spec.hostname() != null && !spec.hostname().isEmpty();
        boolean domainname = spec.domainname() != null && !spec.domainname().isEmpty();
        if ((!hostname && !domainname) || Namespaces.of(spec).has("uts")) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        if (hostname) {
            problems.add(new Problem("/hostname", Messages.needsNamespace("uts")));
        }
        if (domainname) {
            problems.add(new Problem("/domainname", Messages.needsNamespace("uts")));
        }
        return problems;
    }
}
