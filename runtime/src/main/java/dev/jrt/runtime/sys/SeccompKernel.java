package dev.jrt.runtime.sys;

import com.sun.jna.Native;

/** What the running kernel's seccomp(2) accepts, probed without installing anything. */
public final class SeccompKernel {
    private SeccompKernel() {}

    private static final int SECCOMP_SET_MODE_FILTER = 1;
    private static final int EFAULT = 14;

    private static long syscallNumber() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> 317;
            case "aarch64" -> 277;
            default -> -1;
        };
    }

    /**
     * Whether seccomp(SECCOMP_SET_MODE_FILTER, flags, NULL) gets past the flag check: the kernel
     * validates the flags before it reads the program, so EFAULT means they are known and nothing
     * is loaded.
     */
    public static boolean flagsSupported(int flags) {
        long nr = syscallNumber();
        if (nr < 0) {
            return false;
        }
        long rc = LibC.INSTANCE.syscall(nr, SECCOMP_SET_MODE_FILTER, flags, null);
        return rc < 0 && Native.getLastError() == EFAULT;
    }
}
