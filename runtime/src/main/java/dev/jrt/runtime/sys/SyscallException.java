package dev.jrt.runtime.sys;

import dev.jrt.runtime.api.OciRuntimeException;

/**
 * A failed system call: {@code mount(/proc -> /x/proc): EPERM (operation not permitted)}.
 * {@code path} names what the call was about (a file, "5 -> 3" for a dup2...), may be null.
 */
public class SyscallException extends OciRuntimeException {
    private static final long serialVersionUID = 1L;

    private final String syscall;
    private final int errno;
    private final String path;

    public SyscallException(String syscall, int errno, String path) {
        super(format(syscall, errno, path));
        this.syscall = syscall;
        this.errno = errno;
        this.path = path;
    }

    static String format(String syscall, int errno, String path) {
        return syscall + (path == null ? "" : "(" + path + ")") + ": " + Errno.describe(errno);
    }

    public String syscall() {
        return syscall;
    }

    public int errno() {
        return errno;
    }

    public String path() {
        return path;
    }
}
