package dev.jrt.runtime.state;

import dev.jrt.runtime.api.OciRuntimeException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive access to one container for a mutating operation (or to the rootfs cache), across processes (a lock on a
 * lock file) and across threads of one process (a JVM's file lock covers the whole JVM, so a
 * shim driving the library from several threads also needs an in-process lock).
 */
public final class ContainerLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private ContainerLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    public static ContainerLock acquire(Path lockFile) {
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(lockFile, k -> new ReentrantLock());
        threadLock.lock();
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                return new ContainerLock(threadLock, channel, channel.lock());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            threadLock.unlock();
            throw new OciRuntimeException("lock " + lockFile + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            threadLock.unlock();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            fileLock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the descriptor anyway
        } finally {
            threadLock.unlock();
        }
    }
}
