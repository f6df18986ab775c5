package dev.jrt.runtime.state;

import java.util.List;
import java.util.Map;

/**
 * What jrt remembers about a container between CLI calls: the OCI state fields that do not
 * change, plus private fields that let later commands find and verify the init process.
 * Status is never stored: it is derived from the live system (see {@link StatusProbe}).
 *
 * @param initStartTime start time of the init process in clock ticks since boot
 *                      (/proc/pid/stat field 22), to tell a reused pid from ours
 * @param cgroupPaths   controller (or "" for the unified hierarchy) to absolute cgroup directory
 * @param rootfsMount   a tmpfs jrt mounted for an unpacked rootfs tarball, or null
 */
public record StateRecord(
        String ociVersion,
        String id,
        String bundle,
        String rootfs,
        String created,
        String owner,
        Map<String, String> annotations,
        int initPid,
        long initStartTime,
        Map<String, String> cgroupPaths,
        String rootfsMount,
        List<String> namespacePaths) {
}
