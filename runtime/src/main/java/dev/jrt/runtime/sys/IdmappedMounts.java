package dev.jrt.runtime.sys;

import com.sun.jna.Memory;
import com.sun.jna.Native;

/**
 * Id-mapped bind mounts (Linux 5.12): open_tree(OPEN_TREE_CLONE) makes a detached copy of a host
 * path's mount, mount_setattr(MOUNT_ATTR_IDMAP) gives it a user namespace's mappings. Needs
 * CAP_SYS_ADMIN in the initial user namespace, so the JVM does it before the container exists.
 */
public final class IdmappedMounts {
    private static final long SYS_OPEN_TREE = 428;
    private static final long SYS_MOUNT_SETATTR = 442;
    private static final int AT_FDCWD = -100;
    private static final int OPEN_TREE_CLONE = 1;
    private static final int OPEN_TREE_CLOEXEC = 0x80000;
    private static final int AT_RECURSIVE = 0x8000;
    private static final int AT_EMPTY_PATH = 0x1000;
    private static final long MOUNT_ATTR_IDMAP = 0x100000;

    private IdmappedMounts() {}

    /**
     * A detached clone of the mount at {@code source} (with its submounts when {@code recursive}),
     * id-mapped through the user namespace open in {@code userns}, with MOUNT_ATTR_* {@code attrSet}.
     */
    public static Fd clone(String source, boolean recursive, int userns, long attrSet) {
        FsLibC c = FsLibC.INSTANCE;
        int fd = (int) c.syscall(SYS_OPEN_TREE, (long) AT_FDCWD, source,
                (long) (OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | (recursive ? AT_RECURSIVE : 0)));
        if (fd < 0) {
            throw new SyscallException("open_tree", Native.getLastError(), source);
        }
        Fd tree = new Fd(fd);
        try (Memory attr = new Memory(32)) {
            attr.setLong(0, MOUNT_ATTR_IDMAP | attrSet);
            attr.setLong(8, 0);
            attr.setLong(16, 0);
            attr.setLong(24, userns);
            if (c.syscall(SYS_MOUNT_SETATTR, (long) fd, "", (long) (AT_EMPTY_PATH | (recursive ? AT_RECURSIVE : 0)),
                    attr, 32L) < 0) {
                throw new SyscallException("mount_setattr", Native.getLastError(), source + " (idmap)");
            }
            return tree;
        } catch (RuntimeException e) {
            tree.close();
            throw e;
        }
    }
}
