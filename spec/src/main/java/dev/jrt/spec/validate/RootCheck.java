package dev.jrt.spec.validate;

import dev.jrt.spec.model.Spec;

import java.util.List;

/** A Linux container needs {@code root.path}: the directory that becomes its {@code /}. */
final class RootCheck implements Check {

    @Override
    public List<Problem> check(Spec spec) {
        if (spec.root() == null) {
            return List.of(new Problem("/root", "is required"));
        }
        String path = spec.root().path();
        if (path == null || path.isEmpty()) {
            return List.of(new Problem("/root/path", "must not be empty"));
        }
        return List.of();
    }
}
