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
        return create("tmpfs", options, attributes);
    }

    /**
     * A new overlay with the one read-only {@code lowerdir} and upperdir/workdir given as paths (they
     * may be under /proc/self/fd/N of a detached tmpfs), as a detached mount.
     */
    public static Fd overlay(String lowerdir, String upperdir, String workdir) {
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
        // "lowerdir" splits on ':' and ','; "lowerdir+" (Linux 6.8) takes one path as it is
        options.put(lowerdir.matches("[^:,\\\\]*") ? "lowerdir" : "lowerdir+", lowerdir);
        options.put("upperdir", upperdir);
        options.put("workdir", workdir);
        return create("overlay", options, 0);
    }

    private static Fd create(String fstype, java.util.Map<String, String> options, int attributes) {
        FsLibC c = FsLibC.INSTANCE;
        int fs = (int) c.syscall(SYS_FSOPEN, fstype, (long) FSOPEN_CLOEXEC);
        if (fs < 0) {
            throw new SyscallException("fsopen", Native.getLastError(), fstype);
        }
        try (Fd ctx = new Fd(fs)) {
            for (var o : options.entrySet()) {
                if (c.syscall(SYS_FSCONFIG, (long) fs, (long) FSCONFIG_SET_STRING, o.getKey(), o.getValue(), 0L) < 0) {
                    throw new SyscallException("fsconfig", Native.getLastError(), fstype + " " + o.getKey() + "=" + o.getValue());
                }
            }
            if (c.syscall(SYS_FSCONFIG, (long) fs, (long) FSCONFIG_CMD_CREATE, null, null, 0L) < 0) {
                throw new SyscallException("fsconfig", Native.getLastError(), fstype + " create");
            }
            int mnt = (int) c.syscall(SYS_FSMOUNT, (long) fs, (long) FSMOUNT_CLOEXEC, (long) attributes);
            if (mnt < 0) {
                throw new SyscallException("fsmount", Native.getLastError(), fstype);
            }
            return new Fd(mnt);
        }
    }
}
