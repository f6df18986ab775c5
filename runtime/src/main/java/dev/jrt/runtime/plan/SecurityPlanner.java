package dev.jrt.runtime.plan;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.security.Capabilities;
import dev.jrt.runtime.security.SeccompFlags;
import dev.jrt.spec.model.LinuxCapabilities;
import dev.jrt.spec.model.LinuxIoPriority;
import dev.jrt.spec.model.LinuxMemoryPolicy;
import dev.jrt.spec.model.LinuxPersonality;
import dev.jrt.spec.model.Process;
import dev.jrt.spec.model.Scheduler;
import dev.jrt.spec.model.Spec;
import dev.jrt.spec.model.User;
import java.nio.charset.StandardCharsets;

/**
 * The process-security ops, in runc's order (docs/executor.md "Order before exec"). Settings
 * that need privileges the container may not keep (personality, scheduler, I/O priority) come early, with the rlimits. The rest comes after the cwd is known:
 * no_new_privs, seccomp when there is no NNP (loading it then needs CAP_SYS_ADMIN), descriptors,
 * user, capabilities, the LSM exec label; then chdir and the executable check as the container's
 * user; then seccomp with NNP, as close to execve as the protocol
 * allows: after it jrt-init still sends READY, opens and writes the exec fifo, marks fds
 * close-on-exec, calls getcwd and execve, so a profile must allow those (runc needs close,
 * openat, write and execve at that point).
 */
public final class SecurityPlanner {
    private SecurityPlanner() {}

    /** Personality, memory policy, scheduler and I/O priority: before privileges go. */
    static void early(PlanBuilder b, Spec spec) {
        LinuxPersonality p = spec.linux() == null ? null : spec.linux().personality();
        if (p != null) {
            b.add("/linux/personality", new Op.Personality("LINUX32".equals(p.domain()) ? PER_LINUX32 : PER_LINUX));
        }
        LinuxMemoryPolicy policy = spec.linux() == null ? null : spec.linux().memoryPolicy();
        if (policy != null) {
            b.add("/linux/memoryPolicy", MemoryPolicies.op(policy));
        }
        Process process = spec.process();
        Scheduler s = process.scheduler();
        if (s != null) {
            b.add("/process/scheduler", SchedulerSettings.op(s));
        }
        LinuxIoPriority io = process.ioPriority();
        if (io != null) {
            b.add("/process/ioPriority", new Op.IoPriority(ioClass(io.ioClass()), io.priority() == null ? 0 : io.priority()));
        }
    }

    /** NNP, seccomp without NNP, fds, user, capabilities, LSM label: runc's finalizeNamespace. */
    static void privileges(PlanBuilder b, Spec spec, SecurityInput security, int firstFdToClose) {
        Process process = spec.process();
        boolean nnp = Boolean.TRUE.equals(process.noNewPrivileges());
        if (nnp) {
            b.add("/process/noNewPrivileges", new Op.NoNewPrivileges());
        }
        if (!nnp) {
            seccomp(b, spec, security);
        }
        b.add("/process", new Op.CloseFds(firstFdToClose));
        User user = process.user();
        int uid = user == null || user.uid() == null ? 0 : user.uid().intValue();
        int gid = user == null || user.gid() == null ? 0 : user.gid().intValue();
        int[] groups = user == null || user.additionalGids() == null ? new int[0]
                : user.additionalGids().stream().mapToInt(Long::intValue).toArray();
        b.add("/process/user", new Op.SetUser(uid, gid, groups));
        LinuxCapabilities caps = process.capabilities();
        long host = security.hostBounding();
        b.add("/process/capabilities", caps == null ? new Op.Capabilities(0, 0, 0, 0, 0)
                : new Op.Capabilities(Capabilities.mask(caps.bounding()) & host, Capabilities.mask(caps.effective()) & host,
                        Capabilities.mask(caps.permitted()) & host, Capabilities.mask(caps.inheritable()) & host,
                        ambient(caps) & host));
        lsm(b, process, security);
    }

    /** The kernel raises an ambient capability only if it is also inheritable and permitted. */
    static long ambient(LinuxCapabilities caps) {
        return Capabilities.mask(caps.ambient()) & Capabilities.mask(caps.inheritable()) & Capabilities.mask(caps.permitted());
    }

    /**
     * Seccomp with NNP: the last step before READY and execve. {@code execCPUAffinity} is not
     * applied: config.md says it does not apply to the container's init process (runc ignores it
     * there too); the CpuAffinity op serves {@code exec}.
     */
    static void last(PlanBuilder b, Spec spec, SecurityInput security) {
        if (Boolean.TRUE.equals(spec.process().noNewPrivileges())) {
            seccomp(b, spec, security);
        }
    }

    static final long PER_LINUX = 0x0000;
    static final long PER_LINUX32 = 0x0008;

    static int ioClass(String name) {
        return switch (name) {
            case "IOPRIO_CLASS_RT" -> 1;
            case "IOPRIO_CLASS_BE" -> 2;
            case "IOPRIO_CLASS_IDLE" -> 3;
            default -> throw new OciRuntimeException("config.json: /process/ioPriority/class: unknown class " + name);
        };
    }

    private static void seccomp(PlanBuilder b, Spec spec, SecurityInput security) {
        if (spec.linux() == null || spec.linux().seccomp() == null) {
            return;
        }
        if (security.seccompProgram() == null) {
            throw new OciRuntimeException("config.json: /linux/seccomp: no compiled program was given to the planner");
        }
        boolean listener = (security.seccompFlags() & SeccompFlags.NEW_LISTENER) != 0;
        b.add("/linux/seccomp", listener ? new Op.SeccompListener(security.seccompProgram(), security.seccompFlags())
                : new Op.Seccomp(security.seccompProgram(), security.seccompFlags()));
    }

    private static void lsm(PlanBuilder b, Process process, SecurityInput security) {
        String apparmor = process.apparmorProfile();
        if (apparmor != null && !apparmor.isEmpty()) {
            if (!security.apparmor()) {
                throw new OciRuntimeException("config.json: /process/apparmorProfile: AppArmor is not enabled on this host");
            }
            b.add("/process/apparmorProfile", new Op.WriteFile("/proc/thread-self/attr/apparmor/exec",
                    ("exec " + apparmor).getBytes(StandardCharsets.UTF_8)));
        }
        String selinux = process.selinuxLabel();
        if (selinux != null && !selinux.isEmpty()) {
            if (!security.selinux()) {
                throw new OciRuntimeException("config.json: /process/selinuxLabel: SELinux is not enabled on this host");
            }
            b.add("/process/selinuxLabel", new Op.WriteFile("/proc/thread-self/attr/exec",
                    selinux.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
