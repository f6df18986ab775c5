package dev.jrt.runtime.sys;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import java.util.List;

/** The system calls jrt makes from Java, each failing with a {@link SyscallException}. */
public final class Syscalls {
    private Syscalls() {}

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_DIRECTORY = 0x10000;
    public static final int O_NOFOLLOW = 0x20000;
    public static final int O_CLOEXEC = 0x80000;
    public static final int O_PATH = 0x200000;

    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;
    public static final int WNOHANG = 1;

    static final int F_GETFD = 1;
    static final int F_SETFD = 2;
    static final int FD_CLOEXEC = 1;
    static final int F_DUPFD_CLOEXEC = 1030;
    static final int PR_SET_CHILD_SUBREAPER = 36;
    static final long SYS_PIDFD_OPEN = 434;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;

    private static LibC libc() {
        return LibC.INSTANCE;
    }

    static SyscallException error(String syscall, String path) {
        return new SyscallException(syscall, Native.getLastError(), path);
    }

    static int check(int rc, String syscall, String path) {
        if (rc < 0) {
            throw error(syscall, path);
        }
        return rc;
    }

    public static Fd open(String path, int flags, int mode) {
        return new Fd(check(libc().open(path, flags | O_CLOEXEC, mode), "open", path));
    }

    /** sched_setaffinity(2) of another process; {@code mask} in cpu_set_t layout, a multiple of 8 bytes. */
    public static void setAffinity(int pid, byte[] mask) {
        check(libc().sched_setaffinity(pid, mask.length, mask), "sched_setaffinity", "pid " + pid);
    }

    public static void mkfifo(String path, int mode) {
        check(libc().mkfifo(path, mode), "mkfifo", path);
    }

    /** read(2) once, retrying EINTR; returns the count, 0 at end of file, -1 for EAGAIN. */
    public static int read(int fd, byte[] buf) {
        while (true) {
            long n = libc().read(fd, buf, buf.length);
            if (n >= 0) {
                return (int) n;
            }
            int errno = Native.getLastError();
            if (errno == Errno.EAGAIN) {
                return -1;
            }
            if (errno != Errno.EINTR) {
                throw new SyscallException("read", errno, "fd " + fd);
            }
        }
    }

    public static boolean isOpen(int fd) {
        return libc().fcntl(fd, F_GETFD, 0) >= 0;
    }

    /** A close-on-exec duplicate of fd numbered at least {@code min}. */
    public static Fd dupAtLeast(int fd, int min) {
        return new Fd(check(libc().fcntl(fd, F_DUPFD_CLOEXEC, min), "fcntl(F_DUPFD_CLOEXEC)", "fd " + fd));
    }

    public static void setCloseOnExec(int fd, boolean on) {
        check(libc().fcntl(fd, F_SETFD, on ? FD_CLOEXEC : 0), "fcntl(F_SETFD)", "fd " + fd);
    }

    /** kill(2); returns false if the process no longer exists. */
    public static boolean kill(int pid, int signal) {
        if (libc().kill(pid, signal) == 0) {
            return true;
        }
        int errno = Native.getLastError();
        if (errno == Errno.ESRCH) {
            return false;
        }
        throw new SyscallException("kill", errno, "pid " + pid + ", signal " + signal);
    }

    /**
     * waitpid(2) for a child, retrying EINTR; returns the raw status, or -1 with WNOHANG when
     * it is still running.
     */
    public static int waitpid(int pid, int options) {
        IntByReference status = new IntByReference();
        while (true) {
            int rc = libc().waitpid(pid, status, options);
            if (rc > 0) {
                return status.getValue();
            }
            if (rc == 0) {
                return -1;
            }
            int errno = Native.getLastError();
            if (errno != Errno.EINTR) {
                throw new SyscallException("waitpid", errno, "pid " + pid);
            }
        }
    }

    /** A wait status as a shell reports it: the exit code, or 128 + the signal number. */
    public static int exitCode(int status) {
        int signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }

    public static int getpid() {
        return libc().getpid();
    }

    public static void setChildSubreaper(boolean on) {
        check(libc().prctl(PR_SET_CHILD_SUBREAPER, on ? 1 : 0, 0, 0, 0), "prctl(PR_SET_CHILD_SUBREAPER)", null);
    }

    public static Fd pidfdOpen(int pid) {
        long fd = libc().syscall(SYS_PIDFD_OPEN, pid, 0);
        return new Fd(check((int) fd, "pidfd_open", "pid " + pid));
    }

    /** A descriptor the child gets: {@code from} in the caller becomes {@code to} in the child. */
    public record Dup2(int from, int to) {}

    /**
     * posix_spawn(3) {@code path} with argv and env, signal mask empty and every signal at its
     * default action; the child gets exactly 0..2, the {@code dups}, and nothing from
     * {@code closeFrom} up (glibc's addclosefrom_np). No Java code runs in the child.
     */
    public static int spawn(String path, List<String> argv, List<String> env, List<Dup2> dups, int closeFrom) {
        LibC c = libc();
        try (Memory actions = new Memory(512); Memory attr = new Memory(1024);
             Memory empty = new Memory(256); Memory all = new Memory(256)) {
            checkErrno(c.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            checkErrno(c.posix_spawnattr_init(attr), "posix_spawnattr_init");
            try {
                for (Dup2 d : dups) {
                    checkErrno(c.posix_spawn_file_actions_adddup2(actions, d.from(), d.to()),
                            "posix_spawn_file_actions_adddup2");
                }
                checkErrno(c.posix_spawn_file_actions_addclosefrom_np(actions, closeFrom),
                        "posix_spawn_file_actions_addclosefrom_np");
                c.sigemptyset(empty);
                c.sigfillset(all);
                checkErrno(c.posix_spawnattr_setsigmask(attr, empty), "posix_spawnattr_setsigmask");
                checkErrno(c.posix_spawnattr_setsigdefault(attr, all), "posix_spawnattr_setsigdefault");
                checkErrno(c.posix_spawnattr_setflags(attr, (short) (POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)),
                        "posix_spawnattr_setflags");
                IntByReference pid = new IntByReference();
                int rc = c.posix_spawn(pid, path, actions, attr, argv.toArray(new String[0]), env.toArray(new String[0]));
                if (rc != 0) {
                    throw new SyscallException("posix_spawn", rc, path);
                }
                return pid.getValue();
            } finally {
                c.posix_spawnattr_destroy(attr);
                c.posix_spawn_file_actions_destroy(actions);
            }
        }
    }

    private static void checkErrno(int rc, String function) {
        if (rc != 0) {
            throw new SyscallException(function, rc, null);
        }
    }
}
