package dev.jrt.runtime.container;

import dev.jrt.runtime.Version;
import dev.jrt.runtime.plan.MemoryPolicies;
import dev.jrt.runtime.plan.MountOptions;
import dev.jrt.runtime.security.Capabilities;
import dev.jrt.runtime.security.HostSecurity;
import dev.jrt.runtime.security.SecurityFeatures;
import dev.jrt.spec.features.Features;
import java.util.List;
import java.util.Map;

/**
 * The features document of this build. Keep it true: a feature appears here only once a test
 * runs a real container that shows it working; UnsupportedFeatures refuses the rest.
 */
final class RuntimeFeatures {
    private RuntimeFeatures() {}

    static Features describe() {
        Features.Linux linux = new Features.Linux(
                List.of("cgroup", "ipc", "mount", "network", "pid", "time", "user", "uts"),
                Capabilities.NAMES,
                // rdma: rdma.max written and read back on v2 in the cgroup v2 lane (CgroupsIT,
                // CgroupResourcesTest#rdmaLimitIsWritten on a soft-RoCE device)
                new Features.Cgroup(true, true, false, false, true),
                SecurityFeatures.seccomp(),
                new Features.Enabled(HostSecurity.apparmorEnabled()),
                new Features.Enabled(HostSecurity.selinuxEnabled()),
                new Features.IntelRdt(false, null, null),
                new Features.MountExtensions(new Features.Enabled(true)),
                new Features.Enabled(false),
                new Features.MemoryPolicy(List.copyOf(MemoryPolicies.MODES.keySet()), List.copyOf(MemoryPolicies.FLAGS.keySet())));
        return new Features("1.0.0", Version.OCI_SPEC,
                List.of("prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"), MountOptions.supported(), linux,
                Map.of("dev.jrt.version", Version.JRT),
                List.of());
    }
}
