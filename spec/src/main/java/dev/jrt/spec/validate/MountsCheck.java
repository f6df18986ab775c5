package dev.jrt.spec.validate;

import dev.jrt.spec.model.Mount;
import dev.jrt.spec.model.Spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Each mount has a destination, and id mappings come in pairs (config.md: uidMappings MUST
 * be specified along with gidMappings).
 *
 * <p>A relative destination is accepted: config.md deprecates it but says a Linux runtime
 * MUST take it relative to {@code /}, and runc 1.2.1 re-allowed it after refusing it broke
 * users. {@link #warnings} reports it instead.
 */
final class MountsCheck implements Check {

    @Override
    public List<Problem> check(Spec spec) {
        List<Mount> mounts = spec.mounts();
        if (mounts == null) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < mounts.size(); i++) {
            Mount mount = mounts.get(i);
            if (mount == null) {
                continue;
            }
            if (mount.destination() == null || mount.destination().isEmpty()) {
                problems.add(new Problem(Pointer.of("mounts", i, "destination"), "must not be empty"));
            }
            if ((mount.uidMappings() == null) != (mount.gidMappings() == null)) {
                problems.add(new Problem(Pointer.of("mounts", i),
                        "uidMappings and gidMappings must be given together"));
            }
        }
        return problems;
    }

    /** Deprecated but accepted: relative mount destinations. */
    static List<Problem> warnings(Spec spec) {
        List<Mount> mounts = spec.mounts();
        List<Problem> warnings = new ArrayList<>();
        for (int i = 0; mounts != null && i < mounts.size(); i++) {
            Mount mount = mounts.get(i);
            if (mount != null && mount.destination() != null && !mount.destination().isEmpty()
                    && !Messages.isAbsolute(mount.destination())) {
                warnings.add(new Problem(Pointer.of("mounts", i, "destination"),
                        "relative destination " + Messages.quote(mount.destination())
                                + " is deprecated: it is taken as relative to /"));
            }
        }
        return warnings;
    }
}
