package dev.jrt.runtime.container;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.plan.MountOptions;
import dev.jrt.spec.model.Linux;
import dev.jrt.spec.model.Mount;
import dev.jrt.spec.model.Process;
import dev.jrt.spec.model.Spec;
import java.util.ArrayList;
import java.util.List;

/**
 * Config fields this build validates but cannot honour yet. A runtime that silently ignored a
 * seccomp profile or a memory limit would hand the container more than its owner meant to, so
 * each of these fails create with the field's pointer, before anything is made. Cgroup
 * resources are not listed: the cgroup manager refuses, naming the field, any value this host
 * cannot enforce.
 */
final class UnsupportedFeatures {
    private UnsupportedFeatures() {}

    static void check(Spec spec) {
        List<String> problems = new ArrayList<>();
        process(spec.process(), problems);
        linux(spec.linux(), problems);
        List<Mount> mounts = spec.mounts() == null ? List.of() : spec.mounts();
        for (int i = 0; i < mounts.size(); i++) {
            MountOptions o = MountOptions.parse(mounts.get(i).options());
            boolean idmap = o.extensions().contains("idmap") || o.extensions().contains("ridmap");
            if ((mounts.get(i).uidMappings() != null || mounts.get(i).gidMappings() != null) && !idmap) {
                problems.add("/mounts/" + i + ": uidMappings without the idmap or ridmap option");
            }
        }
        if (!problems.isEmpty()) {
            throw new OciRuntimeException("config.json: this version of jrt cannot honour: " + String.join("; ", problems));
        }
    }

    private static void process(Process p, List<String> problems) {
        if (p == null) {
            return;
        }
    }

    private static void linux(Linux l, List<String> problems) {
        if (l == null) {
            return;
        }
        if (l.intelRdt() != null) {
            problems.add("/linux/intelRdt: not supported");
        }
        if (l.netDevices() != null && !l.netDevices().isEmpty()) {
            problems.add("/linux/netDevices: not supported yet");
        }
        if (l.mountLabel() != null && !l.mountLabel().isEmpty()) {
            problems.add("/linux/mountLabel: not supported yet");
        }
    }
}
