package dev.jrt.runtime.plan;

import static dev.jrt.runtime.plan.Linux.MS_BIND;
import static dev.jrt.runtime.plan.Linux.MS_REC;

import java.util.Map;

/**
 * A "cgroup" mount on a cgroup v1 (or hybrid) host, as runc does it without a cgroup namespace:
 * a tmpfs at the destination and, for each v1 hierarchy, a bind of the container's own cgroup
 * directory at destination/hierarchy, with the mount's flags (typically read-only). The
 * container sees only its own cgroups, never the host's tree.
 */
final class CgroupMountPlanner {
    private CgroupMountPlanner() {}

    static void plan(PlanBuilder b, String source, String destination, MountOptions options,
                     Map<String, String> cgroupPaths) {
        b.add(source, new Op.Mount("tmpfs", destination, true, "tmpfs",
                options.flags() & ~Linux.MS_RDONLY & ~MS_BIND, "mode=755", Op.Create.DIR));
        cgroupPaths.forEach((hierarchy, hostDir) -> {
            if (hierarchy.isEmpty()) {
                return; // the unified hierarchy of a hybrid host stays invisible, as with runc
            }
            String name = hierarchy.startsWith("name=") ? hierarchy.substring(5) : hierarchy;
            b.add(source, new Op.Mount(hostDir, destination + "/" + name, true, "none",
                    MS_BIND | MS_REC | options.flags(), null, Op.Create.DIR));
        });
        if ((options.flags() & Linux.MS_RDONLY) != 0) {
            b.add(source, new Op.Mount("tmpfs", destination, true, "tmpfs",
                    Linux.MS_REMOUNT | options.flags(), "mode=755", Op.Create.NONE));
        }
    }
}
