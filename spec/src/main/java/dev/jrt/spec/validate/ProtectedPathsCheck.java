package dev.jrt.spec.validate;

import dev.jrt.spec.model.Spec;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code linux.maskedPaths} and {@code linux.readonlyPaths} are absolute paths in the
 * container, and need a mount namespace: masking them in the host's would hide the host's
 * files (runc refuses it too).
 */
final class ProtectedPathsCheck implements Check {

    @Override
    public List<Problem> check(Spec spec) {
        if (spec.linux() == null) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        boolean mountNamespace = Namespaces.of(spec).has("mount");
        checkList("maskedPaths", spec.linux().maskedPaths(), mountNamespace, problems);
        checkList("readonlyPaths", spec.linux().readonlyPaths(), mountNamespace, problems);
        return problems;
    }

    private static void checkList(String field, List<String> paths, boolean mountNamespace, List<Problem> problems) {
        if (paths == null || paths.isEmpty()) {
            return;
        }
        if (!mountNamespace) {
            problems.add(new Problem(Pointer.of("linux", field), Messages.needsNamespace("mount")));
        }
        for (int i = 0; i < paths.size(); i++) {
            String path = String.valueOf(paths.get(i));
            if (!Messages.isAbsolute(path)) {
                problems.add(new Problem(Pointer.of("linux", field, i), Messages.notAbsolute(path)));
            }
        }
    }
}
