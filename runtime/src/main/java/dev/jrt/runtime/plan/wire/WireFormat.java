package dev.jrt.runtime.plan.wire;

/**
 * Constants of the plan wire format and the sync protocol between jrt and jrt-init
 * (docs/executor.md; the C side is runtime/src/main/c/jrt-init/jrt-init.h). Little-endian.
 */
public final class WireFormat {
    private WireFormat() {}

    /** "JRTP" as bytes; read as a little-endian u32 it is 0x5054524a. */
    public static final int MAGIC = 0x5054524a;
    public static final int VERSION = 1;
    public static final int HEADER_SIZE = 20;
    /** Largest message on the sync socket; a longer plan is sent in several chunks. */
    public static final int CHUNK_MAX = 32768;
    /** Most descriptors one plan may carry (jrt-init's MAX_FDS). */
    public static final int MAX_FDS = 64;
    public static final int NULL_LENGTH = -1;

    // op types, in the order of Op's records
    public static final int ENTER_NAMESPACES = 1;
    public static final int SET_PROPAGATION = 2;
    public static final int MOUNT = 3;
    public static final int MKDIR = 4;
    public static final int MKNOD = 5;
    public static final int BIND_DEVICE = 6;
    public static final int SYMLINK = 7;
    public static final int PIVOT_ROOT = 8;
    public static final int WRITE_FILE = 9;
    public static final int MASK_PATH = 10;
    public static final int READONLY_PATH = 11;
    public static final int READONLY_ROOT = 12;
    public static final int SET_HOSTNAME = 13;
    public static final int SET_DOMAINNAME = 14;
    public static final int SYNC = 15;
    public static final int RUN_HOOK = 16;
    public static final int SETSID = 17;
    public static final int CONSOLE = 18;
    public static final int CHDIR = 19;
    public static final int SETRLIMIT = 20;
    public static final int UMASK = 21;
    public static final int PERSONALITY = 22;
    public static final int FIND_EXECUTABLE = 23;
    public static final int READY = 24;
    public static final int WAIT_START = 25;
    public static final int NO_NEW_PRIVILEGES = 26;
    public static final int SET_USER = 27;
    public static final int CAPABILITIES = 28;
    public static final int SECCOMP = 29;
    public static final int CLOSE_FDS = 30;
    public static final int EXEC = 31;
    // process security: 40-59
    public static final int SCHEDULER = 40;
    public static final int IO_PRIORITY = 41;
    public static final int CPU_AFFINITY = 42;
    public static final int MEMORY_POLICY = 43;
    // hooks inside the container (op type numbers 80-99 belong to hooks and exec)
    public static final int RUN_STATE_HOOK = 80;
    public static final int AWAIT_START = 81;
    public static final int CONFIRM_START = 82;
    // seccomp user notification (op type numbers 100-109)
    public static final int SECCOMP_LISTENER = 100;
    // rootfs and mounts: 60-79
    public static final int PROPAGATE_IN_ROOT = 60;
    public static final int SET_MOUNT_ATTR = 61;
    public static final int ATTACH_MOUNT = 62;
    public static final int TMPFS_COPY_UP = 63;
    public static final int MOVE_MOUNT_IN_ROOT = 64;

    // messages: u32 type, i32 a, i32 b, u32 text length, text
    public static final int MSG_USERMAP = 1;
    public static final int MSG_INIT_PID = 2;
    public static final int MSG_SYNC = 3;
    public static final int MSG_READY = 4;
    public static final int MSG_ERROR = 5;
    public static final int MSG_ACK = 100;
    /** From the init, with the seccomp notify fd in SCM_RIGHTS; a = op index. The parent forwards it, then ACKs. */
    public static final int MSG_SECCOMP_FD = 101;
    public static final int MESSAGE_HEADER_SIZE = 16;
}
