package dev.jrt.runtime.process;

/** One line of /proc/pid/uid_map or gid_map: ids containerId.. map to hostId.., size of them. */
public record IdMapping(long containerId, long hostId, long size) {
    public IdMapping {
        if (containerId < 0 || hostId < 0 || size <= 0) {
            throw new IllegalArgumentException("bad id mapping " + containerId + " " + hostId + " " + size);
        }
    }

    String line() {
        return containerId + " " + hostId + " " + size + "\n";
    }
}
