package dev.jrt.runtime.container;

import dev.jrt.runtime.api.ContainerStatus;
import dev.jrt.runtime.cgroups.CgroupManagers;
import dev.jrt.runtime.state.ProcessInfo;
import dev.jrt.runtime.state.StateRecord;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Derives a container's status from the live system, never from disk: stopped when the init is
 * gone, a zombie, or a different process with the same pid (start time differs); paused when
 * its cgroup is frozen; created while the exec fifo exists; running otherwise.
 */
final class StatusProbe {
    private StatusProbe() {}

    static ContainerStatus status(StateRecord record, Path fifo) {
        if (!initAlive(record)) {
            return ContainerStatus.STOPPED;
        }
        if (record.cgroupPaths() != null && !record.cgroupPaths().isEmpty()) {
            try {
                if (CgroupManagers.fromPaths(record.cgroupPaths()).isFrozen()) {
                    return ContainerStatus.PAUSED;
                }
            } catch (RuntimeException e) {
                // a cgroup we cannot read does not make the container paused
            }
        }
        return Files.exists(fifo) ? ContainerStatus.CREATED : ContainerStatus.RUNNING;
    }

    static boolean initAlive(StateRecord record) {
        ProcessInfo p = ProcessInfo.read(record.initPid());
        return p != null && p.running() && p.startTime() == record.initStartTime();
    }
}
