package dev.jrt.spec.defaults;

import dev.jrt.spec.model.Linux;
import dev.jrt.spec.model.LinuxCapabilities;
import dev.jrt.spec.model.LinuxDeviceCgroup;
import dev.jrt.spec.model.LinuxIdMapping;
import dev.jrt.spec.model.LinuxNamespace;
import dev.jrt.spec.model.LinuxResources;
import dev.jrt.spec.model.Mount;
import dev.jrt.spec.model.PosixRlimit;
import dev.jrt.spec.model.Process;
import dev.jrt.spec.model.Root;
import dev.jrt.spec.model.Spec;
import dev.jrt.spec.model.User;

import java.util.ArrayList;
import java.util.List;

/**
 * The config.json {@code jrt spec} writes: runc's {@code runc spec} example (runc's
 * libcontainer/specconv Example and ToRootless), with hostname "jrt".
 */
public final class DefaultSpec {

    /**
     * 1.0.2, not 1.3.0: the example uses nothing newer, and every 1.x runtime accepts it,
     * including older crun releases that refuse versions they do not know. runc itself
     * does not look at ociVersion.
     */
    public static final String OCI_VERSION = "1.0.2";

    private static final List<String> DEFAULT_CAPABILITIES = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");

    private DefaultSpec() {
    }

    /** The default with a cgroup namespace, as runc writes it on a cgroup v2 host. */
    public static Spec spec() {
        return spec(true);
    }

    /**
     * The default spec. runc adds the cgroup namespace only on a cgroup v2 (unified) host;
     * this module cannot look at the host, so the caller says.
     */
    public static Spec spec(boolean cgroupNamespace) {
        Process process = new Process(
                true,
                null,
                new User(0L, 0L, null, null),
                List.of("sh"),
                null,
                List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"),
                "/",
                new LinuxCapabilities(DEFAULT_CAPABILITIES, DEFAULT_CAPABILITIES, null, DEFAULT_CAPABILITIES, null),
                List.of(new PosixRlimit("RLIMIT_NOFILE", 1024L, 1024L)),
                true,
                null, null, null, null, null, null);
        List<Mount> mounts = List.of(
                new Mount("/proc", "proc", "proc", null),
                new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                new Mount("/dev/pts", "devpts", "devpts",
                        List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
                new Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
                new Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
                new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
                new Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("nosuid", "noexec", "nodev", "relatime", "ro")));
        List<LinuxNamespace> namespaces = new ArrayList<>(List.of(
                new LinuxNamespace("pid"),
                new LinuxNamespace("network"),
                new LinuxNamespace("ipc"),
                new LinuxNamespace("uts"),
                new LinuxNamespace("mount")));
        if (cgroupNamespace) {
            namespaces.add(new LinuxNamespace("cgroup"));
        }
        Linux linux = new Linux(
                null, null, null, null,
                new LinuxResources(List.of(new LinuxDeviceCgroup(false, null, null, null, "rwm")),
                        null, null, null, null, null, null, null, null),
                null,
                List.copyOf(namespaces),
                null, null, null, null,
                List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                        "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware",
                        "/proc/scsi", "/sys/devices/virtual/tpm"),
                List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"),
                null, null, null, null);
        return new Spec(OCI_VERSION, process, new Root("rootfs", true), "jrt", null, mounts, null, null, linux);
    }

    /** {@code jrt spec --rootless}: the default spec made rootless for the caller's euid and egid. */
    public static Spec rootless(long uid, long gid) {
        return toRootless(spec(), uid, gid);
    }

    /**
     * What runc's ToRootless does to a spec: no network namespace (an unprivileged user
     * cannot set one up), a new user namespace mapping container root to {@code uid}/{@code gid}
     * (one id each), {@code /sys} bind-mounted from the host read-only (sysfs cannot be
     * mounted without owning the network namespace), no {@code uid=}/{@code gid=} mount
     * options (the ids may not be mapped), and no cgroup resources (the user may not own
     * the cgroup).
     */
    public static Spec toRootless(Spec spec, long uid, long gid) {
        Linux linux = spec.linux() == null
                ? new Linux(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null)
                : spec.linux();
        List<LinuxNamespace> namespaces = new ArrayList<>();
        if (linux.namespaces() != null) {
            for (LinuxNamespace ns : linux.namespaces()) {
                if (!"network".equals(ns.type()) && !"user".equals(ns.type())) {
                    namespaces.add(ns);
                }
            }
        }
        namespaces.add(new LinuxNamespace("user"));
        Linux rootlessLinux = linux
                .withNamespaces(List.copyOf(namespaces))
                .withIdMappings(List.of(new LinuxIdMapping(0L, uid, 1L)), List.of(new LinuxIdMapping(0L, gid, 1L)))
                .withResources(null);
        return spec.withMounts(rootlessMounts(spec.mounts())).withLinux(rootlessLinux);
    }

    private static List<Mount> rootlessMounts(List<Mount> mounts) {
        if (mounts == null) {
            return null;
        }
        List<Mount> result = new ArrayList<>();
        for (Mount mount : mounts) {
            if (isSys(mount.destination())) {
                result.add(new Mount("/sys", "none", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro")));
            } else if (mount.options() == null) {
                result.add(mount);
            } else {
                List<String> options = mount.options().stream()
                        .filter(option -> !option.startsWith("uid=") && !option.startsWith("gid="))
                        .toList();
                // Go leaves the filtered slice nil when nothing is kept, and omits it.
                result.add(mount.withOptions(options.isEmpty() ? null : options));
            }
        }
        return List.copyOf(result);
    }

    /** Go's filepath.Clean(destination) == "/sys", for the spellings that occur. */
    private static boolean isSys(String destination) {
        if (destination == null) {
            return false;
        }
        String trimmed = destination.replaceAll("/+", "/");
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.equals("/sys");
    }
}
