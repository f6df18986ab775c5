package dev.jrt.runtime.sys;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** pipe2(2) and whole writes, for feeding and draining processes jrt spawns (hooks). */
public final class Pipes {
    private static final int EPIPE = 32;

    private Pipes() {}

    private interface PipeLib extends Library {
        PipeLib INSTANCE = Native.load("c", PipeLib.class);

        int pipe2(int[] fds, int flags);
    }

    /** A close-on-exec pipe: [0] is the read end, [1] the write end. */
    public static Fd[] open() {
        int[] fds = new int[2];
        if (PipeLib.INSTANCE.pipe2(fds, Syscalls.O_CLOEXEC) < 0) {
            throw new SyscallException("pipe2", Native.getLastError(), null);
        }
        return new Fd[] {new Fd(fds[0]), new Fd(fds[1])};
    }

    /** Writes all of {@code data}; false if the reader went away (EPIPE) first. */
    public static boolean writeAll(Fd fd, byte[] data) {
        int done = 0;
        while (done < data.length) {
            byte[] rest = done == 0 ? data : java.util.Arrays.copyOfRange(data, done, data.length);
            long n = LibC.INSTANCE.write(fd.get(), rest, rest.length);
            if (n < 0) {
                int errno = Native.getLastError();
                if (errno == Errno.EINTR) {
                    continue;
                }
                if (errno == EPIPE) {
                    return false;
                }
                throw new SyscallException("write", errno, fd.toString());
            }
            done += (int) n;
        }
        return true;
    }
}
