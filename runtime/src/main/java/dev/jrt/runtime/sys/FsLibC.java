package dev.jrt.runtime.sys;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** glibc functions for building a root filesystem (C semantics: -1 and errno). See {@link FileNodes}, {@link DetachedMounts}. */
interface FsLibC extends Library {
    FsLibC INSTANCE = Native.load("c", FsLibC.class);

    int mknod(String path, int mode, long dev);

    int lchown(String path, int uid, int gid);

    int chmod(String path, int mode);

    long syscall(long number, Object... args);
}
