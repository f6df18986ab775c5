package dev.jrt.conformance.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a process's cgroup files from the host, for cgroup v1 (one hierarchy
 * per controller under /sys/fs/cgroup/CONTROLLER) and v2 (unified at /sys/fs/cgroup).
 */
public final class HostCgroups {

    private HostCgroups() {}

    public static boolean unifiedOnly() {
        return Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
    }

    /** The cgroup path (relative to the hierarchy root) of {@code pid} for a v1 controller, or the v2 path. */
    public static Optional<String> path(long pid, String controller) {
        String cg = Container.read(Path.of("/proc/" + pid + "/cgroup"));
        for (String line : cg.lines().toList()) {
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            if (unifiedOnly() ? f[0].equals("0") : java.util.Arrays.asList(f[1].split(",")).contains(controller)) {
                return Optional.of(f[2]);
            }
        }
        return Optional.empty();
    }

    /** The host directory of {@code pid}'s cgroup for {@code controller}. */
    public static Path dir(long pid, String controller) {
        String p = path(pid, controller).orElseThrow(() -> new AssertionError("process " + pid + " has no " + controller + " cgroup"));
        Path base = unifiedOnly() ? Path.of("/sys/fs/cgroup") : Path.of("/sys/fs/cgroup", controller);
        return Path.of(base + p);
    }

    /** Content of a cgroup file: v1 name on v1, v2 name on v2. */
    public static String read(long pid, String controller, String v1File, String v2File) {
        Path f = dir(pid, controller).resolve(unifiedOnly() ? v2File : v1File);
        String s = Container.read(f);
        if (s.isEmpty()) {
            throw new AssertionError("cannot read " + f);
        }
        return s.trim();
    }

    /**
     * Test cleanup: removes the empty cgroup directory {@code relPath} (e.g. a
     * container id, or a parent the test chose) from every hierarchy, deepest first.
     */
    public static void removeEmpty(String relPath) {
        java.io.File[] roots = new java.io.File("/sys/fs/cgroup").listFiles();
        java.util.List<Path> bases = new java.util.ArrayList<>();
        bases.add(Path.of("/sys/fs/cgroup"));
        if (roots != null) {
            for (java.io.File f : roots) {
                bases.add(f.toPath());
            }
        }
        for (Path base : bases) {
            Path d = base.resolve(relPath.replaceFirst("^/", ""));
            if (Files.isDirectory(d)) {
                try (var s = Files.walk(d)) {
                    s.filter(Files::isDirectory).sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                } catch (java.io.IOException | java.io.UncheckedIOException ignored) {
                    // busy or already gone: nothing more to do in a cleanup
                }
            }
        }
    }
}
