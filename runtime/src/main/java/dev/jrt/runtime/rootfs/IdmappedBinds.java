package dev.jrt.runtime.rootfs;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.plan.ContainerPlan;
import dev.jrt.runtime.plan.Linux;
import dev.jrt.runtime.plan.MountOptions;
import dev.jrt.runtime.plan.Op;
import dev.jrt.runtime.process.IdMapping;
import dev.jrt.runtime.sys.Fd;
import dev.jrt.runtime.sys.IdmappedMounts;
import dev.jrt.spec.model.LinuxIdMapping;
import dev.jrt.spec.model.Mount;
import dev.jrt.spec.model.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bind mounts with the idmap or ridmap option: the JVM (host root) clones the source's mount,
 * id-maps it through a user namespace with the mount's uidMappings/gidMappings (or the
 * container's, when the mount has none and the container has a user namespace), and jrt-init
 * moves the detached clone onto the destination in root (MoveMountInRoot) in place of the bind.
 */
public final class IdmappedBinds {
    private static final long MOUNT_ATTR_RDONLY = 0x1;
    private static final long MOUNT_ATTR_NOSUID = 0x2;
    private static final long MOUNT_ATTR_NODEV = 0x4;
    private static final long MOUNT_ATTR_NOEXEC = 0x8;

    /** config pointer ("/mounts/3") to the detached id-mapped clone and its destination */
    private final Map<String, Fd> clones;
    private final Map<String, Op.Create> kinds;

    private IdmappedBinds(Map<String, Fd> clones, Map<String, Op.Create> kinds) {
        this.clones = clones;
        this.kinds = kinds;
    }

    public static IdmappedBinds prepare(Spec spec, Path bundle, Path jrtInit) {
        Map<String, Fd> clones = new LinkedHashMap<>();
        Map<String, Op.Create> kinds = new LinkedHashMap<>();
        List<Mount> mounts = spec.mounts() == null ? List.of() : spec.mounts();
        try {
            for (int i = 0; i < mounts.size(); i++) {
                Mount m = mounts.get(i);
                MountOptions o = MountOptions.parse(m.options());
                boolean ridmap = o.extensions().contains("ridmap");
                if (!ridmap && !o.extensions().contains("idmap")) {
                    continue;
                }
                String at = "/mounts/" + i;
                boolean bind = o.isBind() || "bind".equals(m.type()) || "rbind".equals(m.type());
                if (!bind) {
                    throw new OciRuntimeException("config.json: " + at + "/options: idmap and ridmap apply to bind mounts only");
                }
                List<LinuxIdMapping> uids = m.uidMappings();
                List<LinuxIdMapping> gids = m.gidMappings();
                String field = at;
                if (uids == null || gids == null) {
                    boolean userns = spec.linux() != null && spec.linux().namespaces() != null
                            && spec.linux().namespaces().stream().anyMatch(n -> "user".equals(n.type()));
                    if (!userns || spec.linux().uidMappings() == null || spec.linux().gidMappings() == null) {
                        throw new OciRuntimeException("config.json: " + at + ": an id-mapped mount needs uidMappings and"
                                + " gidMappings, on the mount or on a container with a user namespace (/linux/uidMappings)");
                    }
                    uids = spec.linux().uidMappings();
                    gids = spec.linux().gidMappings();
                    field = "/linux/uidMappings";
                }
                Path source = bundle.resolve(m.source() == null ? "" : m.source());
                boolean recursive = ridmap || "rbind".equals(m.type()) || (o.flags() & Linux.MS_REC) != 0;
                try (Fd userns = IdmapNamespace.create(jrtInit, mappings(uids), mappings(gids), field)) {
                    clones.put(at, IdmappedMounts.clone(source.toString(), recursive, userns.get(), attributes(o.flags())));
                }
                kinds.put(at, Files.isDirectory(source) ? Op.Create.DIR : Op.Create.FILE);
            }
        } catch (RuntimeException e) {
            clones.values().forEach(Fd::close);
            throw e;
        }
        return new IdmappedBinds(clones, kinds);
    }

    private static long attributes(long flags) {
        return ((flags & Linux.MS_RDONLY) != 0 ? MOUNT_ATTR_RDONLY : 0) | ((flags & Linux.MS_NOSUID) != 0 ? MOUNT_ATTR_NOSUID : 0)
                | ((flags & Linux.MS_NODEV) != 0 ? MOUNT_ATTR_NODEV : 0) | ((flags & Linux.MS_NOEXEC) != 0 ? MOUNT_ATTR_NOEXEC : 0);
    }

    private static List<IdMapping> mappings(List<LinuxIdMapping> m) {
        return m.stream().map(x -> new IdMapping(x.containerId(), x.hostId(), x.size())).toList();
    }

    /** The descriptors that travel with the plan, in the order of the mounts. */
    public List<Fd> fds() {
        return new ArrayList<>(clones.values());
    }

    /** The plan with each id-mapped mount's bind replaced by the move of its clone; {@code firstSlot} is fds()' first. */
    public ContainerPlan applyTo(ContainerPlan plan, int firstSlot) {
        if (clones.isEmpty()) {
            return plan;
        }
        List<Op> ops = new ArrayList<>(plan.ops());
        int slot = firstSlot;
        for (String at : clones.keySet()) {
            int i = plan.sources().indexOf(at);
            if (i < 0 || !(ops.get(i) instanceof Op.Mount m)) {
                throw new IllegalStateException("no mount op for " + at);
            }
            ops.set(i, new Op.MoveMountInRoot(slot++, m.target(), kinds.get(at)));
        }
        return new ContainerPlan(ops, plan.sources(), plan.fds());
    }
}
