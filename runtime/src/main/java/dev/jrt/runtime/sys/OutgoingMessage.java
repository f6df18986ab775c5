package dev.jrt.runtime.sys;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * A struct msghdr (64-bit Linux layout) for sendmsg(2): one data buffer and, when there are
 * any, descriptors in one SCM_RIGHTS control message. Shared by the sync socket and the
 * stream sockets jrt hands descriptors over (console, seccomp listener).
 */
final class OutgoingMessage implements AutoCloseable {
    static final int MSGHDR_SIZE = 56;
    static final int CMSG_HEADER = 16;
    static final int SOL_SOCKET = 1;
    static final int SCM_RIGHTS = 1;

    private final Memory msg = new Memory(MSGHDR_SIZE);
    private final Memory iov = new Memory(16);
    private final Memory buf;
    private final Memory control;

    OutgoingMessage(byte[] data, int offset, int length, int[] fds) {
        buf = new Memory(Math.max(1, length));
        control = new Memory(cmsgSpace(4 * Math.max(1, fds.length)));
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
            msg.setLong(40, cmsgSpace(4 * fds.length));
        }
    }

    static int cmsgSpace(int bytes) {
        return CMSG_HEADER + ((bytes + 7) & ~7);
    }

    Pointer msghdr() {
        return msg;
    }

    @Override
    public void close() {
        msg.close();
        iov.close();
        buf.close();
        control.close();
    }
}
