package dev.jrt.spec.validate;

import dev.jrt.spec.model.Known;
import dev.jrt.spec.model.Spec;

import java.util.List;

/** {@code linux.rootfsPropagation}: the spec's four kinds, plus their recursive forms that runc accepts. */
final class RootfsPropagationCheck implements Check {

    @Override
    public List<Problem> check(Spec spec) {
        String propagation = spec.linux() == null ? null : spec.linux().rootfsPropagation();
        if (propagation == null || propagation.isEmpty() || Known.ROOTFS_PROPAGATIONS.contains(propagation)) {
            return List.of();
        }
        return List.of(new Problem("/linux/rootfsPropagation",
                Messages.unknown("propagation", propagation, Known.ROOTFS_PROPAGATIONS)));
    }
}
