package dev.jrt.runtime.sys;

import com.sun.jna.Native;

/**
 * Filesystems made with the new mount API (fsopen, fsconfig, fsmount) and never attached: the
 * mount exists only as a descriptor, so it is in no mount namespace's table until someone
 * move_mount()s it. Its files are reachable through {@code /proc/self/fd/<fd>/...}.
 */
public final class DetachedMounts {
    private static final long SYS_FSOPEN = 430;
    private static final long SYS_FSCONFIG = 431;
    private static final long SYS_FSMOUNT = 432;
    private static final int FSOPEN_CLOEXEC = 1;
    private static final int FSMOUNT_CLOEXEC = 1;
    private static final int FSCONFIG_SET_STRING = 1;
    private static final int FSCONFIG_CMD_CREATE = 6;
    public static final int MOUNT_ATTR_NODEV = 0x4;

    private DetachedMounts() {}

    /** A new tmpfs with the given options (e.g. size, mode) and MOUNT_ATTR_* attributes, as a detached mount. */
    public static Fd tmpfs(java.util.Map<String, String> options, int attributes) {
        FsLibC c = FsLibC.INSTANCE;
        int fs = (int) c.syscall(SYS_FSOPEN, "tmpfs", (long) FSOPEN_CLOEXEC);
        if (fs < 0) {
            throw new SyscallException("fsopen", Native.getLastError(), "tmpfs");
        }
        try (Fd ctx = new Fd(fs)) {
            for (var o : options.entrySet()) {
                if (c.syscall(SYS_FSCONFIG, (long) fs, (long) FSCONFIG_SET_STRING, o.getKey(), o.getValue(), 0L) < 0) {
                    throw new SyscallException("fsconfig", Native.getLastError(), "tmpfs " + o.getKey() + "=" + o.getValue());
                }
            }
            if (c.syscall(SYS_FSCONFIG, (long) fs, (long) FSCONFIG_CMD_CREATE, null, null, 0L) < 0) {
                throw new SyscallException("fsconfig", Native.getLastError(), "tmpfs create");
            }
            int mnt = (int) c.syscall(SYS_FSMOUNT, (long) fs, (long) FSMOUNT_CLOEXEC, (long) attributes);
            if (mnt < 0) {
                throw new SyscallException("fsmount", Native.getLastError(), "tmpfs");
            }
            return new Fd(mnt);
        }
    }
}
