package dev.jrt.runtime.sys;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import dev.jrt.runtime.api.OciRuntimeException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a small file of a container's root filesystem from the host without leaving that root:
 * openat2(RESOLVE_IN_ROOT) resolves every symlink and ".." (even an absolute one) inside the
 * root, magic links are refused, and the file must be a regular file (a FIFO or a device planted
 * by the container neither blocks nor streams forever).
 */
public final class InRoot {
    private static final long SYS_OPENAT2 = 437;
    private static final long RESOLVE_NO_MAGICLINKS = 0x02;
    private static final long RESOLVE_IN_ROOT = 0x10;
    private static final int O_NOCTTY = 0x100;

    private InRoot() {}

    /** The file's bytes, or null when it is missing or not a regular file; more than {@code max} bytes is an error. */
    public static byte[] readRegular(String root, String path, int max) {
        try (Fd dir = Syscalls.open(root, Syscalls.O_PATH | Syscalls.O_DIRECTORY, 0)) {
            Memory how = new Memory(24);
            how.setLong(0, Syscalls.O_RDONLY | Syscalls.O_CLOEXEC | Syscalls.O_NONBLOCK | O_NOCTTY);
            how.setLong(8, 0);
            how.setLong(16, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
            int fd = (int) FsLibC.INSTANCE.syscall(SYS_OPENAT2, (long) dir.get(), path, how, 24L);
            if (fd < 0) {
                int errno = Native.getLastError();
                if (errno == Errno.ENOENT || errno == Errno.ENOTDIR) {
                    return null;
                }
                throw new SyscallException("openat2", errno, root + " " + path);
            }
            try (Fd file = new Fd(fd)) {
                if (!Files.isRegularFile(Path.of("/proc/self/fd/" + file.get()))) {
                    return null;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[8192];
                for (int n; (n = Syscalls.read(file.get(), buf)) > 0; ) {
                    out.write(buf, 0, n);
                    if (out.size() > max) {
                        throw new OciRuntimeException(path + " in " + root + ": larger than " + max + " bytes");
                    }
                }
                return out.toByteArray();
            }
        }
    }
}
