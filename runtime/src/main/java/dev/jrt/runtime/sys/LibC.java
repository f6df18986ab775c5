package dev.jrt.runtime.sys;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * Raw glibc functions, C names and C semantics (-1 and errno, or an error number for
 * posix_spawn*). Use {@link Syscalls} instead; errno is read with Native.getLastError() right
 * after each call there. 64-bit Linux only (ssize_t and pointers are 8 bytes).
 */
interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int socketpair(int domain, int type, int protocol, int[] fds);

    long sendmsg(int fd, Pointer msghdr, int flags);

    long recvmsg(int fd, Pointer msghdr, int flags);

    int close(int fd);

    int fcntl(int fd, int cmd, int arg);

    int open(String path, int flags, int mode);

    long read(int fd, byte[] buf, long count);

    long write(int fd, byte[] buf, long count);

    int mkfifo(String path, int mode);

    int kill(int pid, int signal);

    int sched_setaffinity(int pid, long size, byte[] mask);

    int waitpid(int pid, IntByReference status, int options);

    int getpid();

    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    long syscall(long number, Object... args);

    /** struct rlimit is {rlim_t cur, max}: two 64-bit values. */
    int getrlimit(int resource, long[] rlimit);

    int setrlimit(int resource, long[] rlimit);

    int posix_spawn(IntByReference pid, String path, Pointer fileActions, Pointer attr, String[] argv, String[] envp);

    int posix_spawn_file_actions_init(Pointer fileActions);

    int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);

    int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

    int posix_spawn_file_actions_destroy(Pointer fileActions);

    int posix_spawnattr_init(Pointer attr);

    int posix_spawnattr_setflags(Pointer attr, short flags);

    int posix_spawnattr_setsigmask(Pointer attr, Pointer sigset);

    int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigset);

    int posix_spawnattr_destroy(Pointer attr);

    int sigemptyset(Pointer sigset);

    int sigfillset(Pointer sigset);
}
