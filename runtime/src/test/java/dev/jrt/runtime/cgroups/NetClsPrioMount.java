package dev.jrt.runtime.cgroups;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The v1 net_cls and net_prio hierarchies, which this host's kernel has but does not mount
 * (hierarchy 0 in /proc/cgroups): mounted together in a test's directory, unmounted on close.
 * jrt (and runc) find v1 hierarchies in mountinfo, wherever they are mounted. Aborts the test
 * when the kernel lacks either controller.
 */
final class NetClsPrioMount implements AutoCloseable {
    private static final List<String> CONTROLLERS = List.of("net_cls", "net_prio");
    private final Path mountPoint;
    private final String options;

    private NetClsPrioMount(Path mountPoint, String options) {
        this.mountPoint = mountPoint;
        this.options = options;
    }

    static NetClsPrioMount mount(Path dir) throws IOException {
        List<String> unmounted = new ArrayList<>();
        for (String controller : CONTROLLERS) {
            Assumptions.assumeTrue(hierarchyId(controller) != null, "the kernel has no " + controller
                    + " cgroup controller (/proc/cgroups)");
            if (V1CgroupManager.hierarchy(CgroupHost.detect().v1Mounts(), controller) == null) {
                unmounted.add(controller);
            }
        }
        if (unmounted.isEmpty()) {
            return new NetClsPrioMount(null, null);
        }
        Path mountPoint = Files.createDirectories(dir);
        String options = String.join(",", unmounted);
        HostCommand.check("mount", "-t", "cgroup", "-o", options, "jrt-test", mountPoint.toString());
        return new NetClsPrioMount(mountPoint, options);
    }

    /** The hierarchy column of /proc/cgroups ("0": in none), or null when the kernel lacks the controller. */
    private static String hierarchyId(String controller) throws IOException {
        return Files.readAllLines(Path.of("/proc/cgroups")).stream().map(l -> l.split("\\s+"))
                .filter(f -> f[0].equals(controller) && f[3].equals("1")).map(f -> f[1]).findFirst().orElse(null);
    }

    /**
     * Unmounts, and makes the kernel let the hierarchy go. It destroys a v1 hierarchy at umount
     * only when it has no child cgroup, and the container's cgroup removed just before may still
     * be dying (seen: the hierarchy stayed in /proc/cgroups); so it is mounted and unmounted again
     * until the kernel does. A container another runtime on this host created meanwhile also
     * joined the hierarchy (it was in mountinfo): its cgroup is removed once empty; while it still
     * runs, the hierarchy stays, and this says so on stderr rather than failing the test.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        if (mountPoint == null) {
            return;
        }
        HostCommand.check("umount", mountPoint.toString());
        for (int i = 0; i < 3 && !released(); i++) {
            HostCommand.check("mount", "-t", "cgroup", "-o", options, "jrt-test", mountPoint.toString());
            removeEmptyChildren(mountPoint);
            HostCommand.check("umount", mountPoint.toString());
        }
        if (!released()) {
            System.err.println("NetClsPrioMount: the " + options + " hierarchy outlived its umount (/proc/cgroups):"
                    + " a container started meanwhile still runs in it");
        }
    }

    /** Whether the kernel has destroyed the hierarchy within 3 s (it does so asynchronously after umount). */
    private static boolean released() throws IOException, InterruptedException {
        for (int i = 0; i < 30; i++) {
            if ("0".equals(hierarchyId(CONTROLLERS.get(0)))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static void removeEmptyChildren(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isDirectory).filter(d -> !d.equals(root)).sorted(Comparator.reverseOrder())
                    .forEach(d -> d.toFile().delete()); // rmdir: refused while the cgroup has processes or children
        }
    }
}
