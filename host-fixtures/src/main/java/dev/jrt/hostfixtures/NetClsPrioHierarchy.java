package dev.jrt.hostfixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The cgroup v1 net_cls and net_prio controllers, which a kernel may have without any hierarchy
 * using them (hierarchy 0 in /proc/cgroups): mounted together on a new directory directly under
 * /sys/fs/cgroup for one test, and unmounted on close until the kernel drops the hierarchy.
 * Runtimes find v1 hierarchies in mountinfo; runc 1.1 only those mounted directly under its cgroup
 * root (/sys/fs/cgroup), hence the place. Aborts the test on a cgroup v2 host, when the kernel
 * lacks either controller, or when a hierarchy already holds one (someone else's mount).
 */
public final class NetClsPrioHierarchy implements AutoCloseable {
    private static final List<String> CONTROLLERS = List.of("net_cls", "net_prio");
    private static final String OPTIONS = String.join(",", CONTROLLERS);
    private final Path mountPoint;

    private NetClsPrioHierarchy(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    public static NetClsPrioHierarchy mount() throws IOException {
        Assumptions.assumeFalse(Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")), "cgroup v2 has no net_cls/net_prio controllers");
        for (String controller : CONTROLLERS) {
            String hierarchy = hierarchyId(controller);
            Assumptions.assumeTrue(hierarchy != null, "the kernel has no enabled " + controller + " cgroup controller (/proc/cgroups)");
            Assumptions.assumeTrue(hierarchy.equals("0"), "the " + controller + " controller is already in hierarchy " + hierarchy
                    + " (/proc/cgroups): mounted by someone else, possibly in another mount namespace");
        }
        Path mountPoint = Files.createTempDirectory(Path.of("/sys/fs/cgroup"), "net_cls,net_prio-jrt-test-");
        try {
            HostCommand.run(List.of("mount", "-t", "cgroup", "-o", OPTIONS, "jrt-test", mountPoint.toString()));
        } catch (IOException e) {
            Files.delete(mountPoint);
            throw e;
        }
        return new NetClsPrioHierarchy(mountPoint);
    }

    /** The host directory of the cgroup at {@code cgroupsPath} (absolute, as in config.json) in this hierarchy. */
    public Path dir(String cgroupsPath) {
        return mountPoint.resolve(cgroupsPath.replaceFirst("^/+", ""));
    }

    /** The hierarchy column of /proc/cgroups ("0": in none), or null when the kernel lacks or disables the controller. */
    private static String hierarchyId(String controller) throws IOException {
        return Files.readAllLines(Path.of("/proc/cgroups")).stream().map(l -> l.split("\\s+"))
                .filter(f -> f.length >= 4 && f[0].equals(controller) && f[3].equals("1")).map(f -> f[1])
                .findFirst().orElse(null);
    }

    /**
     * Removes the cgroups the test left (empty once its containers are deleted) and unmounts. The
     * kernel destroys a v1 hierarchy at umount only when it has no child cgroup, and a cgroup
     * removed just before may still be dying; so it is mounted, emptied and unmounted again until
     * the kernel lets the hierarchy go (seen in /proc/cgroups). Says so on stderr if it does not.
     */
    @Override
    public void close() throws IOException {
        removeEmptyChildren();
        HostCommand.run(List.of("umount", mountPoint.toString()));
        for (int i = 0; i < 3 && !released(); i++) {
            HostCommand.run(List.of("mount", "-t", "cgroup", "-o", OPTIONS, "jrt-test", mountPoint.toString()));
            removeEmptyChildren();
            HostCommand.run(List.of("umount", mountPoint.toString()));
        }
        if (!released()) {
            System.err.println("NetClsPrioHierarchy: the " + OPTIONS + " hierarchy outlived its umount (/proc/cgroups):"
                    + " a cgroup in it still has processes");
        }
        Files.delete(mountPoint);
    }

    /** Whether the kernel has destroyed the hierarchy within 3 s (it does so asynchronously after umount). */
    private static boolean released() throws IOException {
        for (int i = 0; i < 30; i++) {
            if ("0".equals(hierarchyId(CONTROLLERS.get(0)))) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private void removeEmptyChildren() throws IOException {
        try (Stream<Path> s = Files.walk(mountPoint)) {
            s.filter(Files::isDirectory).filter(d -> !d.equals(mountPoint)).sorted(Comparator.reverseOrder())
                    .forEach(d -> d.toFile().delete()); // rmdir: refused while the cgroup has processes or children
        }
    }
}
