package dev.jrt.runtime.process;

import dev.jrt.runtime.sys.Fd;
import dev.jrt.runtime.sys.SeqPacketSocket;
import java.io.IOException;

/**
 * The descriptors that came with one message from jrt-init. Only SECCOMP_FD carries one (the
 * seccomp notify fd); descriptors on any other message are closed unread, and so is the notify
 * fd once the listener has forwarded it: the JVM never keeps a container's notify fd.
 */
final class SeccompNotifyFd implements AutoCloseable {
    private final Fd[] fds;

    private SeccompNotifyFd(Fd[] fds) {
        this.fds = fds;
    }

    static SeccompNotifyFd take(SeqPacketSocket.Received message) {
        int[] raw = message.fds();
        Fd[] fds = new Fd[raw.length];
        for (int i = 0; i < raw.length; i++) {
            fds[i] = new Fd(raw[i]);
        }
        return new SeccompNotifyFd(fds);
    }

    /** The one notify fd a SECCOMP_FD message must carry. */
    Fd expect(int opIndex) throws IOException {
        if (fds.length != 1) {
            throw new IOException("jrt-init's SECCOMP_FD message for op " + opIndex + " carried " + fds.length
                    + " descriptors instead of one");
        }
        return fds[0];
    }

    @Override
    public void close() {
        for (Fd fd : fds) {
            fd.close();
        }
    }
}
