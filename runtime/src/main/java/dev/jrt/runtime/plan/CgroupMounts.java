package dev.jrt.runtime.plan;

import static dev.jrt.runtime.plan.Linux.*;

import dev.jrt.runtime.cgroups.CgroupHost;
import dev.jrt.spec.model.Spec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A "cgroup" mount, as runc makes it. On a v1 or hybrid host: a tmpfs at the destination and, for
 * each v1 hierarchy, the container's own cgroup bind-mounted on destination/NAME (with a cgroup
 * namespace, that hierarchy's cgroup filesystem mounted there instead), links for co-mounted
 * controllers (cpu -> cpu,cpuacct), and the tmpfs made read-only last when the mount asks for ro.
 * On a cgroup v2 host: a cgroup2 mount. Needs the container's cgroup paths, so it runs on the plan
 * once the cgroup exists.
 */
public final class CgroupMounts {
    private CgroupMounts() {}

    /** The plan with every cgroup-type mount expanded; {@code paths} are the container's cgroup directories. */
    public static ContainerPlan expand(ContainerPlan plan, Spec spec, CgroupHost host, Map<String, String> paths) {
        List<Op> ops = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        boolean cgroupns = spec.linux() != null && spec.linux().namespaces() != null
                && spec.linux().namespaces().stream().anyMatch(n -> "cgroup".equals(n.type()));
        for (int i = 0; i < plan.ops().size(); i++) {
            Op op = plan.ops().get(i);
            String source = plan.sources().get(i);
            if (op instanceof Op.Mount m && m.targetInRoot() && "cgroup".equals(m.fstype())) {
                if (host.v1Mounts().isEmpty()) {
                    ops.add(new Op.Mount(m.source(), m.target(), true, "cgroup2", m.flags(), m.data(), m.create()));
                    sources.add(source);
                } else {
                    v1(m, host, paths, cgroupns, ops);
                    while (sources.size() < ops.size()) {
                        sources.add(source);
                    }
                }
            } else {
                ops.add(op);
                sources.add(source);
            }
        }
        return new ContainerPlan(ops, sources, plan.fds());
    }

    private static void v1(Op.Mount m, CgroupHost host, Map<String, String> paths, boolean cgroupns, List<Op> ops) {
        String dest = m.target().endsWith("/") ? m.target().substring(0, m.target().length() - 1) : m.target();
        long flags = m.flags() & ~MS_BIND;
        ops.add(new Op.Mount("tmpfs", dest, true, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=755", Op.Create.DIR));
        for (Map.Entry<String, Path> h : host.v1Mounts().entrySet()) {
            String name = h.getKey();
            String base = h.getValue().getFileName().toString();
            String target = dest + "/" + base;
            if (cgroupns) {
                ops.add(new Op.Mount("cgroup", target, true, "cgroup", flags & ~MS_REC, name, Op.Create.DIR));
            } else {
                String dir = paths.get(name);
                if (dir == null) {
                    continue; // a hierarchy the container is not placed in
                }
                ops.add(new Op.Mount(dir, target, true, "none", flags | MS_BIND | MS_REC, null, Op.Create.DIR));
            }
            if (base.contains(",")) {
                for (String controller : base.split(",")) {
                    ops.add(new Op.Symlink(base, dest + "/" + controller));
                }
            }
        }
        if ((flags & MS_RDONLY) != 0) {
            ops.add(new Op.SetMountAttr(dest, RecursiveAttrs.MOUNT_ATTR_RDONLY, 0, false));
        }
    }
}
