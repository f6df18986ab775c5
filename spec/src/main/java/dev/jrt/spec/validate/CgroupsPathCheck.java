package dev.jrt.spec.validate;

import dev.jrt.spec.model.Spec;

import java.util.List;

/**
 * {@code linux.cgroupsPath} is either a path, absolute ({@code /a/b}, from the cgroup root)
 * or relative ({@code a/b}, under jrt's own), that never climbs above its start with
 * {@code ..}; or systemd's {@code slice:prefix:name}, where the slice is empty or a
 * {@code *.slice} unit name and the name is not empty.
 */
final class CgroupsPathCheck implements Check {

    private static final String POINTER = "/linux/cgroupsPath";
    private static final String SYSTEMD_FORM = "(form: slice:prefix:name)";

    @Override
    public List<Problem> check(Spec spec) {
        String path = spec.linux() == null ? null : spec.linux().cgroupsPath();
        if (path == null || path.isEmpty()) {
            return List.of();
        }
        String[] parts = path.split(":", -1);
        String message = parts.length == 3 ? systemdProblem(parts) : pathProblem(path);
        return message == null ? List.of() : List.of(new Problem(POINTER, message));
    }

    private static String systemdProblem(String[] parts) {
        String slice = parts[0];
        String prefix = parts[1];
        String name = parts[2];
        if (!slice.isEmpty() && (!slice.endsWith(".slice") || slice.contains("/"))) {
            return "systemd slice must end in \".slice\" and contain no \"/\", got " + Messages.quote(slice)
                    + " " + SYSTEMD_FORM;
        }
        if (name.isEmpty()) {
            return "systemd name must not be empty " + SYSTEMD_FORM;
        }
        if (prefix.contains("/") || name.contains("/")) {
            return "systemd prefix and name must not contain \"/\" " + SYSTEMD_FORM;
        }
        return null;
    }

    private static String pathProblem(String path) {
        int depth = 0;
        for (String component : path.split("/")) {
            if (component.equals("..")) {
                depth--;
                if (depth < 0) {
                    return "must not climb out of the cgroup hierarchy with \"..\", got " + Messages.quote(path);
                }
            } else if (!component.isEmpty() && !component.equals(".")) {
                depth++;
            }
        }
        return null;
    }
}
