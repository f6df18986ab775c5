package dev.jrt.runtime.sys;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * One end of an AF_UNIX SOCK_SEQPACKET socket pair: whole messages, optionally with
 * descriptors (SCM_RIGHTS). Sends never raise SIGPIPE.
 */
public final class SeqPacketSocket implements AutoCloseable {
    private static final int AF_UNIX = 1;
    private static final int SOCK_SEQPACKET = 5;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_CTRUNC = 0x8;
    private static final int MSG_TRUNC = 0x20;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    // struct msghdr and struct cmsghdr on 64-bit Linux
    private static final int MSGHDR_SIZE = 56;
    private static final int CMSG_HEADER = 16;

    private final Fd fd;

    public SeqPacketSocket(Fd fd) {
        this.fd = fd;
    }

    /** Both ends, close-on-exec. */
    public static SeqPacketSocket[] pair() {
        int[] fds = new int[2];
        Syscalls.check(LibC.INSTANCE.socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds), "socketpair", null);
        return new SeqPacketSocket[] {new SeqPacketSocket(new Fd(fds[0])), new SeqPacketSocket(new Fd(fds[1]))};
    }

    public Fd fd() {
        return fd;
    }

    private static int cmsgSpace(int bytes) {
        return CMSG_HEADER + ((bytes + 7) & ~7);
    }

    public void send(byte[] data, int[] fds) {
        send(data, 0, data.length, fds);
    }

    /** Sends one message of {@code length} bytes from {@code offset}, with {@code fds} attached. */
    public void send(byte[] data, int offset, int length, int[] fds) {
        try (OutgoingMessage m = new OutgoingMessage(data, offset, length, fds)) {
            while (true) {
                long n = LibC.INSTANCE.sendmsg(fd.get(), m.msghdr(), MSG_NOSIGNAL);
                if (n >= 0) {
                    return;
                }
                int errno = Native.getLastError();
                if (errno != Errno.EINTR) {
                    throw new SyscallException("sendmsg", errno, fd.toString());
                }
            }
        }
    }

    /** A received message; {@code length} 0 means the peer closed the socket. */
    public record Received(byte[] data, int length, int[] fds) {}

    /** Receives one message (descriptors arrive close-on-exec); a truncated message is an error. */
    public Received receive(int maxLength, int maxFds) {
        try (Memory msg = new Memory(MSGHDR_SIZE); Memory iov = new Memory(16);
             Memory buf = new Memory(Math.max(1, maxLength));
             Memory control = new Memory(cmsgSpace(4 * Math.max(1, maxFds)))) {
            msg.clear();
            control.clear();
            iov.setPointer(0, buf);
            iov.setLong(8, maxLength);
            msg.setPointer(16, iov);
            msg.setLong(24, 1);
            msg.setPointer(32, control);
            msg.setLong(40, control.size());
            long n;
            while (true) {
                n = LibC.INSTANCE.recvmsg(fd.get(), msg, MSG_CMSG_CLOEXEC);
                if (n >= 0) {
                    break;
                }
                int errno = Native.getLastError();
                if (errno != Errno.EINTR) {
                    throw new SyscallException("recvmsg", errno, fd.toString());
                }
            }
            int[] fds = receivedFds(msg);
            if ((msg.getInt(48) & (MSG_TRUNC | MSG_CTRUNC)) != 0) {
                for (int f : fds) {
                    LibC.INSTANCE.close(f);
                }
                throw new SyscallException("recvmsg", 90 /* EMSGSIZE */, fd + ": message truncated");
            }
            byte[] data = buf.getByteArray(0, (int) n);
            return new Received(data, (int) n, fds);
        }
    }

    private static int[] receivedFds(Memory msg) {
        long controlLength = msg.getLong(40);
        Pointer control = msg.getPointer(32);
        if (controlLength < CMSG_HEADER || control == null) {
            return new int[0];
        }
        int[] all = new int[0];
        long offset = 0;
        while (offset + CMSG_HEADER <= controlLength) {
            long len = control.getLong(offset);
            if (len < CMSG_HEADER) {
                break;
            }
            if (control.getInt(offset + 8) == SOL_SOCKET && control.getInt(offset + 12) == SCM_RIGHTS) {
                int count = (int) ((len - CMSG_HEADER) / 4);
                int[] more = control.getIntArray(offset + CMSG_HEADER, count);
                int[] joined = java.util.Arrays.copyOf(all, all.length + count);
                System.arraycopy(more, 0, joined, all.length, count);
                all = joined;
            }
            offset += (len + 7) & ~7L;
        }
        return all;
    }

    @Override
    public void close() {
        fd.close();
    }
}
