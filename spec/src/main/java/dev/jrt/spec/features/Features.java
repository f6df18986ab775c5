package dev.jrt.spec.features;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.jrt.spec.json.Json;

import java.util.List;
import java.util.Map;

/**
 * The features document (features.md, features-linux.md) that {@code jrt features} prints.
 * This is the model only; the runtime decides the values ({@link dev.jrt.spec.model.Known}
 * has the recognised names). Absent ({@code null}) members are not written: features.md
 * lets every member but the two versions be absent, and absent is not the same as empty.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Features(
        String ociVersionMin,
        String ociVersionMax,
        List<String> hooks,
        List<String> mountOptions,
        Linux linux,
        Map<String, String> annotations,
        List<String> potentiallyUnsafeConfigAnnotations) {

    /** Four-space indented like runc's {@code features} output, without a final newline. */
    public String toJson() {
        return Json.write(this, "    ");
    }

    /** Linux features: what the runtime recognises, whatever the host supports. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Linux(
            List<String> namespaces,
            List<String> capabilities,
            Cgroup cgroup,
            Seccomp seccomp,
            Enabled apparmor,
            Enabled selinux,
            IntelRdt intelRdt,
            MountExtensions mountExtensions,
            Enabled netDevices,
            MemoryPolicy memoryPolicy) {
    }

    /** Which cgroup managers and controllers the runtime implements. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cgroup(Boolean v1, Boolean v2, Boolean systemd, Boolean systemdUser, Boolean rdma) {
    }

    /** Seccomp support and the libseccomp names the runtime recognises. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Seccomp(
            Boolean enabled,
            List<String> actions,
            List<String> operators,
            List<String> archs,
            List<String> knownFlags,
            List<String> supportedFlags) {
    }

    /** A feature that is only on or off: apparmor, selinux, netDevices, mountExtensions.idmap. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Enabled(Boolean enabled) {
    }

    /** Intel RDT support, and whether {@code schemata} and {@code enableMonitoring} are. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IntelRdt(Boolean enabled, Boolean schemata, Boolean monitoring) {
    }

    /** Mount features beyond mount(2) options. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MountExtensions(Enabled idmap) {
    }

    /** The memory policy modes and flags the runtime recognises. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MemoryPolicy(List<String> modes, List<String> flags) {
    }
}
