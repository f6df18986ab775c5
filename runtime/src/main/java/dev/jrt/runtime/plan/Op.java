package dev.jrt.runtime.plan;

import java.util.List;

/**
 * The vocabulary of the native executor (jrt-init): primitive operations that Java plans and
 * jrt-init performs in order. jrt-init knows nothing of OCI; each op is one small, checkable
 * step, so a failure comes back as (op index, errno, message) and Java can name the config
 * field that produced the op.
 *
 * <p>Paths marked "in root" are resolved inside the container's root filesystem without ever
 * following a symlink out of it (openat2 RESOLVE_IN_ROOT). Until the plan's PivotRoot op has run,
 * the root is that op's {@code rootfs}; after it, or in a plan without one (exec into a running
 * container after setns(mnt)), it is "/". File descriptors that travel with the plan are referred
 * to by their slot in {@link ContainerPlan#fds()}; they arrive close-on-exec. The wire encoding of
 * every op is in docs/executor.md.
 */
public sealed interface Op {

    // ---- stage 0: the process jrt spawns, before the container's init process exists ----

    /**
     * Enter the container's namespaces and become its init: setns into each joined namespace
     * (in the given order), then, if {@code newUser}, unshare(CLONE_NEWUSER) and ask the parent
     * to write the id maps (USERMAP message, wait for ACK), then unshare the other new
     * namespaces ({@code newFlags}, CLONE_NEW* bits, never CLONE_NEWUSER), write
     * {@code timeOffsets} to /proc/self/timens_offsets when non-null, fork the init process with
     * CLONE_PARENT so that it is the parent's child, report INIT_PID and exit. The init process
     * (PID 1 in a new PID namespace) carries on with the next op. Always op 0.
     *
     * <p>Every join path is opened before the first setns (after setns(mnt) they would resolve in
     * the container). After joining or creating a user namespace stage 0 becomes uid/gid 0 in it.
     * {@code timeOffsets} is the kernel's format, e.g. "monotonic 86400 0
boottime 86400 0
",
     * and needs CLONE_NEWTIME in {@code newFlags}.
     */
    record EnterNamespaces(List<Join> joins, boolean newUser, long newFlags, String timeOffsets) implements Op {
        /** setns(open(path), nsFlag) where nsFlag is one CLONE_NEW* bit. */
        public record Join(long nsFlag, String path) {}
    }

    // ---- init: filesystem (before pivot_root, host paths absolute; "in root" paths relative to rootfs) ----

    /** mount(NULL, target, NULL, flags, NULL): change propagation, e.g. MS_REC|MS_PRIVATE on "/". */
    record SetPropagation(String target, long flags) implements Op {}

    /**
     * mount(source, target, fstype, flags, data). {@code target} is in root when
     * {@code targetInRoot}, otherwise an absolute path as seen by the init process.
     * {@code create}: make a missing target first (NONE, DIR, FILE; parents as directories).
     * A bind mount whose flags include MS_RDONLY (or nosuid, nodev, noexec) is followed by the
     * remount that makes them effective (keeping flags a user namespace may not clear). Propagation
     * bits (MS_SHARED, MS_PRIVATE, MS_SLAVE, MS_UNBINDABLE) in {@code flags} are applied by a
     * separate mount call afterwards. {@code source} is a host path for bind mounts.
     */
    record Mount(String source, String target, boolean targetInRoot, String fstype, long flags,
                 String data, Create create) implements Op {}

    enum Create { NONE, DIR, FILE }

    /** mkdir -p in root, with the mode for directories it creates. */
    record Mkdir(String path, int mode) implements Op {}

    /** mknod in root (mode includes S_IFCHR/S_IFBLK/S_IFIFO), then chown to uid:gid and chmod. */
    record Mknod(String path, int mode, int major, int minor, int uid, int gid) implements Op {}

    /** Bind-mount a host device node onto a file created in root (user namespaces cannot mknod). */
    record BindDevice(String hostPath, String path) implements Op {}

    /** symlink(target, linkpath) with linkpath in root; an existing link or file is left alone. */
    record Symlink(String target, String linkPath) implements Op {}

    /** pivot_root into rootfs (host path) and detach the old root; with noPivot, MS_MOVE + chroot. */
    record PivotRoot(String rootfs, boolean noPivot) implements Op {}

    // ---- init: after pivot_root (paths are container paths) ----

    /** Write bytes to a file that must exist, e.g. /proc/sys/net/ipv4/ip_forward. */
    record WriteFile(String path, byte[] content) implements Op {}

    /** Mask a path: /dev/null over a file, an empty read-only tmpfs over a directory; missing is fine. */
    record MaskPath(String path) implements Op {}

    /** Make a path read-only with a recursive bind remount; missing is fine. */
    record ReadonlyPath(String path) implements Op {}

    /** Remount "/" read-only (root.readonly). */
    record ReadonlyRoot() implements Op {}

    record SetHostname(String hostname) implements Op {}

    record SetDomainname(String domainname) implements Op {}

    // ---- init: synchronisation with the parent and hooks ----

    /** Send SYNC(index, tag) to the parent and wait for its ACK (the parent runs runtime-namespace hooks). */
    record Sync(String tag) implements Op {}

    /**
     * Run a hook inside the container: fork, exec path with args/env, state JSON on stdin, kill after timeout.
     * {@code args} is the whole argv (empty: just the path); timeout 0 waits forever. A non-zero exit is a
     * failure with errno 0, a timeout one with ETIMEDOUT.
     */
    record RunHook(String path, List<String> args, List<String> env, int timeoutSeconds, byte[] stdin) implements Op {}

    // ---- init: process set-up ----

    /** setsid(); with a terminal the pty becomes the controlling terminal. */
    record Setsid() implements Op {}

    /**
     * Open a pty, send its master over the console socket in fd slot {@code socketSlot} with
     * SCM_RIGHTS (runc's protocol), make the slave stdin/stdout/stderr and the controlling
     * terminal, and set its size when rows and cols are non-zero. The pty is the container's
     * /dev/ptmx (mount devpts first); the message's data is "/dev/ptmx" as runc sends; Setsid
     * must come before.
     */
    record Console(int socketSlot, int rows, int cols) implements Op {}

    /** chdir; the resulting cwd must be inside the root (CVE-2024-21626). */
    record Chdir(String cwd) implements Op {}

    record Setrlimit(int resource, long soft, long hard) implements Op {}

    record Umask(int mask) implements Op {}

    record Personality(long persona) implements Op {}

    /**
     * Look up argv[0] in the container (PATH from {@code pathVar} when it has no slash; null: the
     * usual default PATH); fail with ENOENT naming it, EACCES when it is not an executable file.
     */
    record FindExecutable(String name, String pathVar) implements Op {}

    /** Tell the parent that create is done; from here on the parent may be gone. */
    record Ready() implements Op {}

    /**
     * Block until `start`: open the exec fifo in fd slot {@code fifoSlot} for writing and write one byte.
     * The slot holds an O_PATH descriptor, reopened through /proc/self/fd (as runc): the container needs /proc.
     */
    record WaitStart(int fifoSlot) implements Op {}

    record NoNewPrivileges() implements Op {}

    /**
     * setgroups, setresgid, setresuid, keeping capabilities across the uid change: effective,
     * permitted, inheritable and ambient sets are the same after it, so SetUser and Capabilities
     * may come in either order. setgroups with no groups is skipped where /proc/self/setgroups is "deny".
     */
    record SetUser(int uid, int gid, int[] additionalGids) implements Op {}

    /** Capability sets as bit masks (bit n = capability n); drops the bounding set first. */
    record Capabilities(long bounding, long effective, long permitted, long inheritable, long ambient) implements Op {}

    /** Load a seccomp BPF program (struct sock_filter[] bytes) with SECCOMP_SET_MODE_FILTER flags. */
    record Seccomp(byte[] program, int flags) implements Op {}

    /**
     * Close every descriptor from {@code firstToClose} up, except the executor's own sync socket until exec.
     * They are marked close-on-exec (close_range CLOSE_RANGE_CLOEXEC), so the execve closes them all while
     * descriptors still needed before it (exec fifo, sync socket) keep working whatever the op order.
     */
    record CloseFds(int firstToClose) implements Op {}

    /**
     * execve the executable found by FindExecutable (argv[0] itself if there was none) with argv and env,
     * after checking once more that the cwd is inside the root.
     */
    record Exec(List<String> argv, List<String> env) implements Op {}
    // ---- hooks inside the container (wire types 80-82) ----

    /**
     * Like {@link RunHook}, but the hook's stdin is {@code stateBeforePid}, the init's pid as the
     * runtime sees it (decimal, learnt from stage 0), then {@code stateAfterPid}: the plan is made
     * before that pid exists. Used for createContainer and startContainer hooks.
     */
    record RunStateHook(String path, List<String> args, List<String> env, int timeoutSeconds,
                        byte[] stateBeforePid, byte[] stateAfterPid) implements Op {}

    /**
     * Instead of {@link WaitStart} when startContainer hooks must run: open the exec fifo in slot
     * {@code fifoSlot} for writing (blocks until `start` opens it) and keep it open. A failing
     * RunStateHook after it writes "E" and its message to the fifo, so `start` fails with it.
     */
    record AwaitStart(int fifoSlot) implements Op {}

    /** Write "0" to the fifo AwaitStart opened and close it: `start` succeeds. */
    record ConfirmStart() implements Op {}

    // ---- init: process security (wire types 40-59) ----

    /**
     * sched_setattr(0, attr, 0) with the policy (SCHED_*), SCHED_FLAG_* bits, nice, real-time
     * priority and the SCHED_DEADLINE runtime/deadline/period in nanoseconds.
     */
    record Scheduler(int policy, long flags, int nice, int priority, long runtime, long deadline, long period)
            implements Op {}

    /** set_mempolicy(mode | flags, nodes, bits): {@code nodes} in the layout of {@link CpuList}, possibly empty. */
    record MemoryPolicy(int modeAndFlags, byte[] nodes) implements Op {}

    /** ioprio_set(IOPRIO_WHO_PROCESS, 0, ioClass << 13 | level): class 1 RT, 2 BE, 3 IDLE; level 0-7. */
    record IoPriority(int ioClass, int level) implements Op {}

    /** sched_setaffinity(0) to the CPUs whose bits are set in {@code mask} (cpu_set_t layout: bit n = CPU n). */
    record CpuAffinity(byte[] mask) implements Op {}

    // ---- init: seccomp user notification (wire types 100-109) ----

    /**
     * Like {@link Seccomp}, loaded with SECCOMP_FILTER_FLAG_NEW_LISTENER (added to {@code flags}):
     * send the notify fd to the parent in a SECCOMP_FD message (SCM_RIGHTS), close it, and wait
     * for the ACK, which the parent sends once it has handed the container process state and the
     * fd to {@code linux.seccomp.listenerPath}. Must come before Ready (the parent must be there).
     */
    record SeccompListener(byte[] program, int flags) implements Op {}

    // ---- init: rootfs and mounts (op types 60-79) ----

    /**
     * mount(NULL, path, NULL, flags, NULL) with {@code path} in root: the propagation of a mount the
     * plan made (MS_SHARED, MS_PRIVATE, MS_SLAVE or MS_UNBINDABLE, with MS_REC for the r-forms).
     */
    record PropagateInRoot(String path, long flags) implements Op {}

    /**
     * mount_setattr on the mount at {@code path} in root: MOUNT_ATTR_* bits to set and to clear,
     * on every mount below it too when {@code recursive} (AT_RECURSIVE): rro, rnosuid, ratime...
     */
    record SetMountAttr(String path, long attrSet, long attrClr, boolean recursive) implements Op {}

    /**
     * move_mount the detached mount in fd slot {@code mountSlot} (fsmount, or open_tree with
     * OPEN_TREE_CLONE) onto the directory {@code target} (a host path as the init sees it), in the
     * container's mount namespace only, then dup it to descriptor number {@code fd} (close-on-exec),
     * which must be free: the plan then names the attached mount "/proc/self/fd/{@code fd}". How a
     * rootfs tarball's tmpfs reaches the container without ever being in the host's mount table.
     */
    record AttachMount(int mountSlot, String target, int fd) implements Op {}

    /**
     * tmpcopyup: mount a tmpfs (flags, data) on the directory {@code target} in root, made if
     * missing, and copy into it what the directory held (files, directories, links as links,
     * device nodes, fifos; owners, modes and times), never following a symlink; then MS_RDONLY, if
     * asked, by a remount.
     */
    record TmpfsCopyUp(String target, long flags, String data) implements Op {}

    /**
     * move_mount the detached mount in fd slot {@code slot} (an id-mapped clone made by jrt) onto
     * {@code target} in root, made first when missing ({@code create}).
     */
    record MoveMountInRoot(int slot, String target, Create create) implements Op {}
}
