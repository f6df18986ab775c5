package dev.jrt.runtime.cgroups;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * cgroup v2 delegation: a cgroup's children get a controller only once the cgroup lists it in
 * cgroup.subtree_control. Ancestors of a container's cgroup enable every controller they have,
 * as runc does, so the container's limits can be written.
 */
final class Controllers {
    private Controllers() {}

    /** Enables in dir's subtree every controller dir has; one the kernel refuses is left off. */
    static void enableInSubtree(Path dir) {
        if (!Files.exists(dir.resolve("cgroup.controllers"))) {
            return;
        }
        String available = CgroupFiles.read(dir, "cgroup.controllers");
        String enabled = CgroupFiles.read(dir, "cgroup.subtree_control");
        for (String c : available.split("\\s+")) {
            if (c.isEmpty() || (" " + enabled + " ").contains(" " + c + " ")) {
                continue;
            }
            try {
                CgroupFiles.write(dir, "cgroup.subtree_control", "+" + c);
            } catch (CgroupException e) {
                // e.g. a threaded subtree or processes in dir: the controller stays off and a config
                // that needs it fails naming it (V2Resources)
            }
        }
    }
}
