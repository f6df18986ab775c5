package dev.jrt.runtime.sys;

import com.sun.jna.Native;

/**
 * One message with descriptors over a fresh AF_UNIX SOCK_STREAM connection: connect, send the
 * bytes with the descriptors (SCM_RIGHTS) on the first sendmsg, send whatever a short write left
 * without them, close. This is how a seccomp listener gets the container process state
 * (config-linux.md "The Container Process State"). Never raises SIGPIPE.
 */
public final class UnixStreamMessage {
    private static final int MSG_NOSIGNAL = 0x4000;
    // struct msghdr and struct cmsghdr on 64-bit Linux

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
        try (OutgoingMessage m = new OutgoingMessage(data, offset, length, fds)) {
            while (true) {
                long n = LibC.INSTANCE.sendmsg(socket.get(), m.msghdr(), MSG_NOSIGNAL);
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
