package dev.jrt.runtime.cgroups;

import dev.jrt.spec.model.LinuxResources;
import java.util.List;
import java.util.Map;

/** The cgroup(s) of one container: create, join, list, freeze, remove. */
public interface CgroupManager {

    /** Controller (or "" for the unified hierarchy) to the container's cgroup directory. */
    Map<String, String> paths();

    /** Makes the cgroup directories (parents included). */
    void create();

    /**
     * Writes the limits of {@code resources} except devices ({@link #applyDevices}); members
     * left null (and, as in runc, most members set to 0) are not touched, so this serves both
     * create and update. Fails with a {@link CgroupException} whose message starts with the
     * config field's pointer ({@code /linux/resources/memory/limit: ...}) when the value is
     * refused or the host lacks the controller or file it needs.
     */
    void apply(LinuxResources resources);

    /** Usage and limits now, as runc's {@code events --stats} reports them. */
    CgroupStats stats();

    /**
     * SIGKILLs every process in the cgroup through cgroup.kill (cgroup v2, Linux 5.14+), which
     * also catches processes forked meanwhile; false when there is no cgroup.kill.
     */
    boolean killAll();

    /**
     * Denies every device except runc's defaults ({@link DeviceRule#defaults()}) and the
     * config's rules ({@code rules}, index N being /linux/resources/devices/N), applied in order:
     * v1 through devices.allow/deny, v2 through an eBPF filter ({@link DeviceFilterProgram}) that
     * replaces the one attached before.
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
