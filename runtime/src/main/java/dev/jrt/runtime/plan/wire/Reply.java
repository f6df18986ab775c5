package dev.jrt.runtime.plan.wire;

/** A message from jrt-init on the sync socket. */
public sealed interface Reply {
    /** Stage 0 unshared a user namespace: write /proc/{pid}/uid_map and gid_map, then ACK. */
    record UserMap(int pid) implements Reply {}

    /** The host pid of the container's init. */
    record InitPid(int pid) implements Reply {}

    /** The init reached a Sync op: do the parent's part, then ACK. */
    record Sync(int opIndex, String tag) implements Reply {}

    /** Create is done; the init now waits on the exec fifo. */
    record Ready() implements Reply {}

    /** Op {@code opIndex} failed (-1: before the plan was read); errno 0 when there is none. */
    record Error(int opIndex, int errno, String message) implements Reply {}

    /** Op {@code opIndex} loaded a seccomp filter with a listener; its notify fd came with the message. */
    record SeccompFd(int opIndex) implements Reply {}
}
