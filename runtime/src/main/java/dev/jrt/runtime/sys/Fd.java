package dev.jrt.runtime.sys;

import java.util.concurrent.atomic.AtomicBoolean;

/** An owned file descriptor, closed once. */
public final class Fd implements AutoCloseable {
    private final int fd;
    private final AtomicBoolean closed = new AtomicBoolean();

    public Fd(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("bad descriptor " + fd);
        }
        this.fd = fd;
    }

    /** The descriptor number; it stays owned by this object. */
    public int get() {
        if (closed.get()) {
            throw new IllegalStateException("descriptor " + fd + " is closed");
        }
        return fd;
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            LibC.INSTANCE.close(fd); // close(2) always frees the number, even on EINTR/EIO
        }
    }

    @Override
    public String toString() {
        return "fd " + fd + (closed.get() ? " (closed)" : "");
    }
}
