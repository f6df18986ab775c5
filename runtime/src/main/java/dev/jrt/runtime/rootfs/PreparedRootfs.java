package dev.jrt.runtime.rootfs;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.plan.ContainerPlan;
import dev.jrt.runtime.plan.Linux;
import dev.jrt.runtime.plan.Op;
import dev.jrt.runtime.sys.Fd;
import dev.jrt.spec.model.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The container's root filesystem as create uses it. A directory is used in place ({@code dir}).
 * A tarball is unpacked onto a detached tmpfs ({@code mount}); jrt-init attaches it on an empty
 * directory ({@code mountPoint}, see {@link #mountPoint}) in the container's mount namespace, and the plan
 * names it "/proc/self/fd/N" ({@code dir}) so that later steps need no path lookup on the host.
 */
public record PreparedRootfs(Path dir, Fd mount, Path mountPoint, int number) {

    /** root.path as given; a tarball is unpacked. {@code preserveFds} tells which descriptor numbers are taken. */
    public static PreparedRootfs prepare(Path rootfs, Spec spec, Path stateDir, int preserveFds) {
        if (Files.isDirectory(rootfs)) {
            return new PreparedRootfs(rootfs, null, null, -1);
        }
        ArchiveFormat format = RootfsTarball.formatOf(rootfs);
        boolean joinsMountNs = spec.linux() != null && spec.linux().namespaces() != null
                && spec.linux().namespaces().stream().anyMatch(n -> "mount".equals(n.type()) && n.path() != null);
        if (joinsMountNs) {
            throw new OciRuntimeException("config.json: /linux/namespaces: a rootfs tarball needs a new mount namespace"
                    + " (its tmpfs is attached only there); allowed with a tarball: a mount namespace without a path");
        }
        Path dir = mountPoint(stateDir);
        Path stateRoot = stateDir.getParent();
        Fd mount = RootfsTarball.unpack(rootfs, format, spec, stateRoot.resolveSibling(stateRoot.getFileName() + ".cache"),
                stateDir);
        // above the preserved fds, the sync socket and every plan slot jrt-init receives
        int number = 3 + preserveFds + 200;
        return new PreparedRootfs(Path.of("/proc/self/fd/" + number), mount, dir, number);
    }

    /**
     * The empty directory jrt-init attaches tarball tmpfs mounts on, each in its own container's mount
     * namespace (so one directory serves every container): "STATEROOT.rootfs" beside the state root,
     * which is 0700, because a user namespace's root must be able to reach it. Nothing is ever
     * mounted on it in the host's namespace.
     */
    static Path mountPoint(Path stateDir) {
        Path stateRoot = stateDir.getParent();
        Path dir = stateRoot.resolveSibling(stateRoot.getFileName() + ".rootfs");
        try {
            Files.createDirectories(dir);
            if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new OciRuntimeException(dir + ": not a directory");
            }
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            return dir;
        } catch (IOException e) {
            throw new OciRuntimeException("create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The descriptors that travel with the plan (none for a directory). */
    public List<Fd> fds() {
        return mount == null ? List.of() : List.of(mount);
    }

    /**
     * The plan with the rootfs's parent mount made private (see {@link ParentMount}), unless / was
     * just made slave, before the rootfs bind (the first op from /root/path) and, for a tarball, the tmpfs attached in place of
     * that bind (an attached mount is already a mount point to pivot into). {@code firstSlot} is the
     * slot of {@link #fds()}' first descriptor.
     */
    public ContainerPlan attachTo(ContainerPlan plan, int firstSlot) {
        List<Op> ops = new ArrayList<>(plan.ops());
        List<String> sources = new ArrayList<>(plan.sources());
        int at = sources.indexOf("/root/path");
        if (at < 1 || !(ops.get(at) instanceof Op.Mount m) || !m.source().equals(dir.toString())) {
            throw new IllegalStateException("the plan has no rootfs bind at the first op from /root/path");
        }
        if (mount != null) {
            ops.set(at, new Op.AttachMount(firstSlot, mountPoint.toString(), number));
        }
        if (!rootMadeSlave(ops, sources)) {
            Path host = mount != null ? mountPoint : dir;
            ops.add(at, new Op.SetPropagation(ParentMount.of(host).toString(), Linux.MS_PRIVATE));
            sources.add(at, "/root/path");
        }
        return new ContainerPlan(ops, sources, plan.fds());
    }

    /**
     * Whether the plan makes / recursively slave before the rootfs bind (rootfsPropagation slave or
     * rslave, and runc's default). Then the parent is neither shared (pivot_root's objection, and
     * the bind could not propagate out) nor unbindable (the bind's), so it keeps its master, as
     * with runc, and a slave root still receives the host's mounts under the rootfs.
     */
    private static boolean rootMadeSlave(List<Op> ops, List<String> sources) {
        int at = sources.indexOf("/linux/rootfsPropagation");
        return at >= 0 && ops.get(at) instanceof Op.SetPropagation p && p.target().equals("/")
                && (p.flags() & Linux.MS_SLAVE) != 0 && (p.flags() & Linux.MS_REC) != 0;
    }
}
