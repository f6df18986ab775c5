package dev.jrt.spec.model;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The values jrt recognises for the enum-like strings of {@code config.json}, from
 * runtime-spec v1.3.0 and the kernel/libseccomp names it refers to. Each set iterates in
 * alphabetical order, which is the order error messages list them in.
 */
public final class Known {

    private Known() {
    }

    /** The oldest and newest runtime-spec versions jrt implements. */
    public static final String OCI_VERSION_MIN = "1.0.0";
    public static final String OCI_VERSION_MAX = "1.3.0";

    public static final Set<String> NAMESPACES = sorted(
            "cgroup", "ipc", "mount", "network", "pid", "time", "user", "uts");

    /** capabilities(7) up to CAP_CHECKPOINT_RESTORE (40), in bit order. */
    public static final List<String> CAPABILITIES_BY_BIT = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
            "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
            "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK",
            "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
            "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE",
            "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE",
            "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
            "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
            "CAP_CHECKPOINT_RESTORE");

    public static final Set<String> CAPABILITIES = sorted(CAPABILITIES_BY_BIT.toArray(String[]::new));

    /** getrlimit(2) resources. */
    public static final Set<String> RLIMITS = sorted(
            "RLIMIT_AS", "RLIMIT_CORE", "RLIMIT_CPU", "RLIMIT_DATA", "RLIMIT_FSIZE", "RLIMIT_LOCKS",
            "RLIMIT_MEMLOCK", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_NOFILE", "RLIMIT_NPROC",
            "RLIMIT_RSS", "RLIMIT_RTPRIO", "RLIMIT_RTTIME", "RLIMIT_SIGPENDING", "RLIMIT_STACK");

    public static final Set<String> SCHEDULER_POLICIES = sorted(
            "SCHED_BATCH", "SCHED_DEADLINE", "SCHED_FIFO", "SCHED_IDLE", "SCHED_ISO", "SCHED_OTHER", "SCHED_RR");

    public static final Set<String> SCHEDULER_FLAGS = sorted(
            "SCHED_FLAG_DL_OVERRUN", "SCHED_FLAG_KEEP_PARAMS", "SCHED_FLAG_KEEP_POLICY", "SCHED_FLAG_RECLAIM",
            "SCHED_FLAG_RESET_ON_FORK", "SCHED_FLAG_UTIL_CLAMP_MAX", "SCHED_FLAG_UTIL_CLAMP_MIN");

    public static final Set<String> IO_PRIORITY_CLASSES = sorted(
            "IOPRIO_CLASS_BE", "IOPRIO_CLASS_IDLE", "IOPRIO_CLASS_RT");

    public static final Set<String> SECCOMP_ACTIONS = sorted(
            "SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD",
            "SCMP_ACT_LOG", "SCMP_ACT_NOTIFY", "SCMP_ACT_TRACE", "SCMP_ACT_TRAP");

    /** Actions that return an errno to the caller, so may carry {@code errnoRet}. */
    public static final Set<String> SECCOMP_ERRNO_ACTIONS = sorted("SCMP_ACT_ERRNO", "SCMP_ACT_TRACE");

    public static final Set<String> SECCOMP_OPERATORS = sorted(
            "SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_LE", "SCMP_CMP_LT", "SCMP_CMP_MASKED_EQ",
            "SCMP_CMP_NE");

    /** libseccomp v2.6.0 architectures. */
    public static final Set<String> SECCOMP_ARCHITECTURES = sorted(
            "SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM", "SCMP_ARCH_LOONGARCH64", "SCMP_ARCH_M68K", "SCMP_ARCH_MIPS",
            "SCMP_ARCH_MIPS64", "SCMP_ARCH_MIPS64N32", "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64",
            "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PARISC", "SCMP_ARCH_PARISC64", "SCMP_ARCH_PPC", "SCMP_ARCH_PPC64",
            "SCMP_ARCH_PPC64LE", "SCMP_ARCH_RISCV64", "SCMP_ARCH_S390", "SCMP_ARCH_S390X", "SCMP_ARCH_SH",
            "SCMP_ARCH_SHEB", "SCMP_ARCH_X32", "SCMP_ARCH_X86", "SCMP_ARCH_X86_64");

    public static final Set<String> SECCOMP_FLAGS = sorted(
            "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_TSYNC",
            "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV");

    /** The four the spec names plus the recursive forms runc also accepts. */
    public static final Set<String> ROOTFS_PROPAGATIONS = sorted(
            "private", "rprivate", "rshared", "rslave", "runbindable", "shared", "slave", "unbindable");

    public static final Set<String> PERSONALITY_DOMAINS = sorted("LINUX", "LINUX32");

    public static final Set<String> MEMORY_POLICY_MODES = sorted(
            "MPOL_BIND", "MPOL_DEFAULT", "MPOL_INTERLEAVE", "MPOL_LOCAL", "MPOL_PREFERRED", "MPOL_PREFERRED_MANY",
            "MPOL_WEIGHTED_INTERLEAVE");

    public static final Set<String> MEMORY_POLICY_FLAGS = sorted(
            "MPOL_F_NUMA_BALANCING", "MPOL_F_RELATIVE_NODES", "MPOL_F_STATIC_NODES");

    /** {@code linux.devices[].type}: char, block, unbuffered char, fifo. */
    public static final Set<String> DEVICE_TYPES = sorted("b", "c", "p", "u");

    /** {@code linux.resources.devices[].type}: all, char, block. */
    public static final Set<String> DEVICE_CGROUP_TYPES = sorted("a", "b", "c");

    public static final Set<String> TIME_OFFSET_CLOCKS = sorted("boottime", "monotonic");

    /** Hook names in the order the lifecycle runs them. */
    public static final List<String> HOOKS = List.of(
            "prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop");

    /** The Linux mount options of config.md, for the features document. */
    public static final Set<String> MOUNT_OPTIONS = sorted(
            "async", "atime", "bind", "defaults", "dev", "diratime", "dirsync", "exec", "idmap", "iversion",
            "lazytime", "loud", "mand", "noatime", "nodev", "nodiratime", "noexec", "noiversion", "nolazytime",
            "nomand", "norelatime", "nostrictatime", "nosuid", "nosymfollow", "private", "ratime", "rbind",
            "rdev", "rdiratime", "relatime", "remount", "rexec", "ridmap", "rnoatime", "rnodev", "rnodiratime",
            "rnoexec", "rnorelatime", "rnostrictatime", "rnosuid", "rnosymfollow", "ro", "rprivate",
            "rrelatime", "rro", "rrw", "rshared", "rslave", "rstrictatime", "rsuid", "rsymfollow",
            "runbindable", "rw", "shared", "silent", "slave", "strictatime", "suid", "symfollow", "sync",
            "tmpcopyup", "unbindable");

    private static Set<String> sorted(String... values) {
        return Collections.unmodifiableSet(new TreeSet<>(List.of(values)));
    }
}
