package dev.jrt.runtime.cgroups;

import java.nio.file.Path;
import java.util.Map;

/** Chooses the cgroup manager for the host's cgroup layout. */
public final class CgroupManagers {
    private CgroupManagers() {}

    public static CgroupManager forContainer(CgroupHost host, String cgroupsPath, String id) {
        return host.mode() == CgroupHost.Mode.UNIFIED
                ? V2CgroupManager.forContainer(host, cgroupsPath, id)
                : V1CgroupManager.forContainer(host, cgroupsPath, id);
    }

    /** The manager of an existing container, from the paths recorded in its state. */
    public static CgroupManager fromPaths(Map<String, String> paths) {
        if (paths.size() == 1 && paths.containsKey("")) {
            return new V2CgroupManager(Path.of(paths.get("")));
        }
        Map<String, Path> dirs = new java.util.LinkedHashMap<>();
        paths.forEach((k, v) -> dirs.put(k, Path.of(v)));
        return new V1CgroupManager(dirs);
    }
}
