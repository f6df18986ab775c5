package dev.jrt.spec.validate;

import dev.jrt.spec.model.LinuxIdMapping;
import dev.jrt.spec.model.Spec;

import java.util.ArrayList;
import java.util.List;

/**
 * uid/gid mappings belong to a user namespace: without one they cannot apply, and a new user
 * namespace without both mappings leaves every id unmapped (runc refuses both cases).
 */
final class UserNamespaceCheck implements Check {

    @Override
    public List<Problem> check(Spec spec) {
        if (spec.linux() == null) {
            return List.of();
        }
        List<LinuxIdMapping> uids = spec.linux().uidMappings();
        List<LinuxIdMapping> gids = spec.linux().gidMappings();
        Namespaces namespaces = Namespaces.of(spec);
        List<Problem> problems = new ArrayList<>();
        if (!namespaces.has("user")) {
            if (uids != null) {
                problems.add(new Problem("/linux/uidMappings", Messages.needsNamespace("user")));
            }
            if (gids != null) {
                problems.add(new Problem("/linux/gidMappings", Messages.needsNamespace("user")));
            }
        } else if (!namespaces.joins("user")) {
            if (uids == null || uids.isEmpty()) {
                problems.add(new Problem("/linux/uidMappings", "is required to create a new user namespace"));
            }
            if (gids == null || gids.isEmpty()) {
                problems.add(new Problem("/linux/gidMappings", "is required to create a new user namespace"));
            }
        }
        return problems;
    }
}
