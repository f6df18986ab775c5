package dev.jrt.runtime.api;

import java.util.Map;

/** The OCI state of a container plus runc's extra fields, as `state` and `list` print it. */
public record ContainerInfo(String ociVersion, String id, int pid, ContainerStatus status, String bundle,
                            String rootfs, String created, String owner, Map<String, String> annotations) {
}
