package dev.jrt.runtime.process;

import dev.jrt.runtime.sys.Fd;
import dev.jrt.runtime.sys.Syscalls;
import dev.jrt.runtime.state.ProcessInfo;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The exec fifo: create puts an O_PATH descriptor of it in the plan (Op.WaitStart), the init
 * blocks opening it for writing; start opens it for reading, takes the byte the init writes and
 * removes it. With startContainer hooks (Op.AwaitStart) the init writes "0" once they succeeded,
 * or "E" and why it will not start.
 */
public final class ExecFifo {
    private ExecFifo() {}

    /** {@link #create(Path, int, int)} for a container whose root is the host's root. */
    public static Fd create(Path path) throws IOException {
        return create(path, 0, 0);
    }

    /**
     * mkfifo with mode 0622 owned by the container's root ({@code rootUid}/{@code rootGid} on the
     * host, as runc does, so that a user-namespaced init may open it), and an O_PATH descriptor
     * of it to put in a plan slot.
     */
    public static Fd create(Path path, int rootUid, int rootGid) throws IOException {
        Syscalls.mkfifo(path.toString(), 0622);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw--w--w-"));
        if (rootUid != 0 || rootGid != 0) {
            Files.setAttribute(path, "unix:uid", rootUid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", rootGid, LinkOption.NOFOLLOW_LINKS);
        }
        return Syscalls.open(path.toString(), Syscalls.O_PATH, 0);
    }

    /**
     * Lets the init waiting on the fifo go on. Fails if the init is gone (initPid no longer
     * exists) before it wrote, or if the fifo was already consumed.
     *
     * <p>Plain Java, so that {@code start} runs without loading JNA: the fifo is opened read-write,
     * which never blocks and releases the init's open for writing; bytes are read only once
     * FIONREAD ({@link FileInputStream#available}) counts them, so a read never waits on an init
     * that died.
     */
    public static void start(Path path, int initPid) throws IOException {
        if (!isFifo(path)) {
            throw new IOException("cannot start a container that has already started (" + path + " is gone)");
        }
        byte[] one = new byte[2048];
        try (RandomAccessFile fifo = new RandomAccessFile(path.toFile(), "rw")) {
            if (!isFifo(path) || fifo.length() != 0) {
                Files.deleteIfExists(path); // consumed meanwhile: the open made a regular file
                throw new IOException("cannot start a container that has already started (" + path + " is gone)");
            }
            FileInputStream in = new FileInputStream(fifo.getFD());
            while (true) {
                int n = readAvailable(in, one);
                if (n >= 1) {
                    checkStarted(path, one, n);
                    break;
                }
                // a quick container may have written, exec'd and exited between read and check
                ProcessInfo init = ProcessInfo.read(initPid);
                boolean gone = init == null || !init.running();
                if (gone && (n = readAvailable(in, one)) >= 1) {
                    checkStarted(path, one, n);
                    break;
                }
                if (gone) {
                    throw new IOException("the container's init (pid " + initPid + ") exited before it started");
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while starting the container", e);
                }
            }
        }
        Files.deleteIfExists(path);
    }

    private static boolean isFifo(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
        } catch (IOException e) {
            return false;
        }
    }

    private static int readAvailable(FileInputStream in, byte[] buf) throws IOException {
        int available = in.available();
        return available < 1 ? 0 : in.read(buf, 0, Math.min(available, buf.length));
    }

    /**
     * "0": the init goes on to execve. "E" and a message: a step between Op.AwaitStart and
     * Op.ConfirmStart failed (a startContainer hook) and the init exits.
     */
    private static void checkStarted(Path path, byte[] buf, int n) throws IOException {
        if (buf[0] == '0') {
            return;
        }
        Files.deleteIfExists(path);
        String message = buf[0] == 'E' ? new String(buf, 1, n - 1, java.nio.charset.StandardCharsets.UTF_8)
                : "unexpected data on the exec fifo";
        throw new IOException(message);
    }
}
