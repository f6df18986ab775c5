package dev.jrt.runtime.cgroups;

import java.util.List;
import java.util.Map;

/** The cgroup(s) of one container: create, join, list, freeze, remove. */
public interface CgroupManager {

    /** Controller (or "" for the unified hierarchy) to the container's cgroup directory. */
    Map<String, String> paths();

    /** Makes the cgroup directories (parents included). */
    void create();

    /**
     * Denies every device except runc's defaults ({@link DeviceRule#defaults()}) and the
     * config's rules, applied in order. Where the host cannot enforce device rules yet (cgroup
     * v2 until the eBPF filter lands) a config without rules is left unrestricted and one with
     * rules fails.
     */
    void applyDevices(List<DeviceRule> rules);

    /** Moves a process into the container's cgroup(s). */
    void addProcess(int pid);

    /** Every process in the container's cgroup and its descendants. */
    List<Integer> pids();

    void freeze();

    void thaw();

    boolean isFrozen();

    /** Removes the cgroup directories, retrying while the kernel still drains them. */
    void destroy();
}
