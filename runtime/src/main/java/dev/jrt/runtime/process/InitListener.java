package dev.jrt.runtime.process;

import java.io.IOException;

/** What the caller does at the points where jrt-init waits for it. */
public interface InitListener {
    /**
     * Stage 0 exists but has not read its plan: put it into the container's cgroup now, so that
     * its cgroup namespace is rooted there.
     */
    default void afterSpawn(int stage0Pid) throws IOException {}

    /** Stage 0 unshared its user namespace: write its id maps (see {@link IdMapWriter}). */
    default void onUserNamespace(int pid) throws IOException {}

    /** Stage 0 reported the init's pid (INIT_PID); the init has not run op 1 yet. */
    default void onInitPid(int pid) throws IOException {}

    /** The init reached Op.Sync {@code opIndex} with {@code tag}: run what belongs there (hooks). */
    default void onSync(int opIndex, String tag) throws IOException {}

    /**
     * The init loaded a seccomp filter with a listener (Op.SeccompListener {@code opIndex}) and sent
     * its notify fd: hand it to the listener. The launcher closes {@code notifyFd} afterwards and
     * then ACKs; throwing fails the launch. By default a notify fd nobody asked for is an error.
     */
    default void onSeccompFd(int opIndex, dev.jrt.runtime.sys.Fd notifyFd) throws IOException {
        throw new IOException("jrt-init sent a seccomp notify fd, but nothing here forwards it to a listener");
    }

    InitListener NONE = new InitListener() {};
}
