package dev.jrt.runtime.sys;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;

/** A connected AF_UNIX stream socket as a raw descriptor, to hand to jrt-init (console socket). */
public final class UnixSockets {
    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SUN_PATH_MAX = 108;

    interface Calls extends Library {
        Calls INSTANCE = Native.load("c", Calls.class);

        int socket(int domain, int type, int protocol);

        int connect(int fd, byte[] address, int length);
    }

    private UnixSockets() {}

    public static Fd connect(String path) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length >= SUN_PATH_MAX) {
            throw new SyscallException("connect", 36 /* ENAMETOOLONG */, path);
        }
        byte[] address = new byte[2 + SUN_PATH_MAX];
        address[0] = (byte) AF_UNIX; // sa_family_t, little-endian
        System.arraycopy(name, 0, address, 2, name.length);
        int fd = Calls.INSTANCE.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new SyscallException("socket", Native.getLastError(), path);
        }
        Fd socket = new Fd(fd);
        if (Calls.INSTANCE.connect(fd, address, 2 + name.length + 1) < 0) {
            int errno = Native.getLastError();
            socket.close();
            throw new SyscallException("connect", errno, path);
        }
        return socket;
    }
}
