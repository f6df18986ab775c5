package dev.jrt.runtime.sys;

import com.sun.jna.Native;

/**
 * File operations Java NIO lacks: device nodes, numeric owners of a symlink itself, and modes with
 * set-id and sticky bits. Callers guarantee that no component of a path is a symlink they did not
 * mean to follow; {@link #lchown} never follows the last one, {@link #chmod} must not be given one.
 */
public final class FileNodes {
    public static final int S_IFIFO = 0010000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFBLK = 0060000;

    private FileNodes() {}

    public static void mknod(String path, int mode, int major, int minor) {
        long dev = ((long) (major & 0xfffff000) << 32) | ((major & 0xfffL) << 8)
                | ((long) (minor & 0xffffff00) << 12) | (minor & 0xffL);
        if (FsLibC.INSTANCE.mknod(path, mode, dev) < 0) {
            throw new SyscallException("mknod", Native.getLastError(), path);
        }
    }

    public static void lchown(String path, int uid, int gid) {
        if (FsLibC.INSTANCE.lchown(path, uid, gid) < 0) {
            throw new SyscallException("lchown", Native.getLastError(), path);
        }
    }

    public static void chmod(String path, int mode) {
        if (FsLibC.INSTANCE.chmod(path, mode & 07777) < 0) {
            throw new SyscallException("chmod", Native.getLastError(), path);
        }
    }
}
