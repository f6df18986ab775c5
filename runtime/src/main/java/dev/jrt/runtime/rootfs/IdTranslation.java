package dev.jrt.runtime.rootfs;

import dev.jrt.spec.model.LinuxIdMapping;
import java.util.List;

/** Container ids to host ids through a user namespace's mappings; without mappings, the identity. */
record IdTranslation(List<LinuxIdMapping> mappings, String field) {

    static IdTranslation of(List<LinuxIdMapping> mappings, String field) {
        return new IdTranslation(mappings == null ? List.of() : mappings, field);
    }

    /** The host id, or -1 when the mappings do not cover the container id. */
    long toHost(long containerId) {
        if (mappings.isEmpty()) {
            return containerId;
        }
        for (LinuxIdMapping m : mappings) {
            long from = m.containerId() & 0xffffffffL;
            if (containerId >= from && containerId - from < (m.size() & 0xffffffffL)) {
                return (m.hostId() & 0xffffffffL) + (containerId - from);
            }
        }
        return -1;
    }
}
