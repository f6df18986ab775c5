package dev.jrt.runtime.container;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.plan.MountOptions;
import dev.jrt.spec.model.Hooks;
import dev.jrt.spec.model.Linux;
import dev.jrt.spec.model.LinuxResources;
import dev.jrt.spec.model.Mount;
import dev.jrt.spec.model.Process;
import dev.jrt.spec.model.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Config fields this build validates but cannot honour yet. A runtime that silently ignored a
 * seccomp profile or a memory limit would hand the container more than its owner meant to, so
 * each of these fails create with the field's pointer, before anything is made.
 */
final class UnsupportedFeatures {
    private UnsupportedFeatures() {}

    static void check(Spec spec) {
        List<String> problems = new ArrayList<>();
        hooks(spec.hooks(), problems);
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

    private static void hooks(Hooks h, List<String> problems) {
        if (h == null) {
            return;
        }
        Map<String, List<?>> kinds = new java.util.LinkedHashMap<>();
        kinds.put("prestart", h.prestart());
        kinds.put("createRuntime", h.createRuntime());
        kinds.put("createContainer", h.createContainer());
        kinds.put("startContainer", h.startContainer());
        kinds.put("poststart", h.poststart());
        kinds.put("poststop", h.poststop());
        kinds.forEach((name, list) -> {
            if (list != null && !list.isEmpty()) {
                problems.add("/hooks/" + name + ": hooks not supported yet");
            }
        });
    }

    private static void process(Process p, List<String> problems) {
        if (p == null) {
            return;
        }
        if (p.apparmorProfile() != null && !p.apparmorProfile().isEmpty()) {
            problems.add("/process/apparmorProfile: not supported yet");
        }
        if (p.selinuxLabel() != null && !p.selinuxLabel().isEmpty()) {
            problems.add("/process/selinuxLabel: not supported yet");
        }
        if (p.scheduler() != null) {
            problems.add("/process/scheduler: not supported yet");
        }
        if (p.ioPriority() != null) {
            problems.add("/process/ioPriority: not supported yet");
        }
        if (p.execCpuAffinity() != null) {
            problems.add("/process/execCPUAffinity: not supported yet");
        }
    }

    private static void linux(Linux l, List<String> problems) {
        if (l == null) {
            return;
        }
        if (l.seccomp() != null) {
            problems.add("/linux/seccomp: not supported yet");
        }
        if (l.personality() != null) {
            problems.add("/linux/personality: not supported yet");
        }
        if (l.intelRdt() != null) {
            problems.add("/linux/intelRdt: not supported");
        }
        if (l.netDevices() != null && !l.netDevices().isEmpty()) {
            problems.add("/linux/netDevices: not supported yet");
        }
        if (l.memoryPolicy() != null) {
            problems.add("/linux/memoryPolicy: not supported yet");
        }
        if (l.mountLabel() != null && !l.mountLabel().isEmpty()) {
            problems.add("/linux/mountLabel: not supported yet");
        }
        LinuxResources r = l.resources();
        if (r != null) {
            if (r.memory() != null) {
                problems.add("/linux/resources/memory: not supported yet");
            }
            if (r.cpu() != null) {
                problems.add("/linux/resources/cpu: not supported yet");
            }
            if (r.pids() != null) {
                problems.add("/linux/resources/pids: not supported yet");
            }
            if (r.blockIo() != null) {
                problems.add("/linux/resources/blockIO: not supported yet");
            }
            if (r.hugepageLimits() != null && !r.hugepageLimits().isEmpty()) {
                problems.add("/linux/resources/hugepageLimits: not supported yet");
            }
            if (r.network() != null) {
                problems.add("/linux/resources/network: not supported yet");
            }
            if (r.rdma() != null && !r.rdma().isEmpty()) {
                problems.add("/linux/resources/rdma: not supported yet");
            }
            if (r.unified() != null && !r.unified().isEmpty()) {
                problems.add("/linux/resources/unified: not supported yet");
            }
        }
    }
}
