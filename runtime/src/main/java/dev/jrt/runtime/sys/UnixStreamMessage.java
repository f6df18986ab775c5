package dev.jrt.runtime.sys;

import com.sun.jna.Memory;
import com.sun.jna.Native;

/**
 * One message with descriptors over a fresh AF_UNIX SOCK_STREAM connection: connect, send the
 * bytes with the descriptors (SCM_RIGHTS) on the first sendmsg, send whatever a short write left
 * without them, close. This is how a seccomp listener gets the container process state
 * (config-linux.md "The Container Process State"). Never raises SIGPIPE.
 */
public final class UnixStreamMessage {
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_NOSIGNAL = 0x4000;
    // struct msghdr and struct cmsghdr on 64-bit Linux
    private static final int MSGHDR_SIZE = 56;
    private static final int CMSG_HEADER = 16;

    private UnixStreamMessage() {}

    /** Connects to {@code path}, sends {@code data} with {@code fds} attached, closes the connection. */
    public static void send(String path, byte[] data, int[] fds) {
        if (data.length == 0) {
            throw new IllegalArgumentException("SCM_RIGHTS needs at least one byte of data");
        }
        try (Fd socket = UnixSockets.connect(path)) {
            int sent = sendmsg(socket, path, data, 0, fds);
            while (sent < data.length) {
                sent += sendmsg(socket, path, data, sent, new int[0]);
            }
        }
    }

    private static int sendmsg(Fd socket, String path, byte[] data, int offset, int[] fds) {
        int length = data.length - offset;
        int controlSize = CMSG_HEADER + ((4 * fds.length + 7) & ~7);
        try (Memory msg = new Memory(MSGHDR_SIZE); Memory iov = new Memory(16); Memory buf = new Memory(length);
             Memory control = new Memory(controlSize)) {
            msg.clear();
            buf.write(0, data, offset, length);
            iov.setPointer(0, buf);
            iov.setLong(8, length);
            msg.setPointer(16, iov);
            msg.setLong(24, 1);
            if (fds.length > 0) {
                control.clear();
                control.setLong(0, CMSG_HEADER + 4L * fds.length);
                control.setInt(8, SOL_SOCKET);
                control.setInt(12, SCM_RIGHTS);
                control.write(CMSG_HEADER, fds, 0, fds.length);
                msg.setPointer(32, control);
                msg.setLong(40, controlSize);
            }
            while (true) {
                long n = LibC.INSTANCE.sendmsg(socket.get(), msg, MSG_NOSIGNAL);
                if (n > 0) {
                    return (int) n;
                }
                int errno = n == 0 ? Errno.EPIPE : Native.getLastError();
                if (errno != Errno.EINTR) {
                    throw new SyscallException("sendmsg", errno, path);
                }
            }
        }
    }
}
