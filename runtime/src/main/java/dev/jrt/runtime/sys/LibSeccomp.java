package dev.jrt.runtime.sys;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * libseccomp through JNA, used only to compile a filter to BPF bytes in the parent (the
 * executor loads them with seccomp(2)). The library is found on disk first ({@link #location()}),
 * so callers can key a cache on it without loading it; it is loaded on first use.
 */
public final class LibSeccomp {
    private LibSeccomp() {}

    /** scmp_compare. */
    public static final int CMP_NE = 1, CMP_LT = 2, CMP_LE = 3, CMP_EQ = 4, CMP_GE = 5, CMP_GT = 6, CMP_MASKED_EQ = 7;

    /** Actions (seccomp.h). */
    public static final int ACT_KILL_PROCESS = 0x80000000;
    public static final int ACT_KILL_THREAD = 0x00000000;
    public static final int ACT_TRAP = 0x00030000;
    public static final int ACT_NOTIFY = 0x7fc00000;
    public static final int ACT_LOG = 0x7ffc0000;
    public static final int ACT_ALLOW = 0x7fff0000;

    public static int actErrno(int errno) {
        return 0x00050000 | (errno & 0xffff);
    }

    public static int actTrace(int errno) {
        return 0x7ff00000 | (errno & 0xffff);
    }

    /** Where libseccomp's shared object was looked for, in the dynamic linker's usual order. */
    private static final List<String> DIRS = List.of("/lib64", "/usr/lib64", "/lib/x86_64-linux-gnu",
            "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/local/lib",
            "/usr/lib", "/lib");

    private interface Api extends Library {
        Pointer seccomp_init(int defAction);

        void seccomp_release(Pointer ctx);

        int seccomp_arch_add(Pointer ctx, int arch);

        int seccomp_arch_remove(Pointer ctx, int arch);

        int seccomp_arch_exist(Pointer ctx, int arch);

        int seccomp_arch_native();

        int seccomp_arch_resolve_name(String name);

        int seccomp_syscall_resolve_name(String name);

        int seccomp_rule_add_array(Pointer ctx, int action, int syscall, int argCount, Pointer args);

        int seccomp_export_bpf(Pointer ctx, int fd);

        Pointer seccomp_version();
    }

    private interface Fns extends Library {
        int memfd_create(String name, int flags);

        long pread(int fd, byte[] buf, long count, long offset);

        long lseek(int fd, long offset, int whence);
    }

    private static volatile Api api;

    /** The real path of libseccomp.so.2 (its name carries the version), if the host has one. */
    public static Optional<Path> location() {
        for (String dir : DIRS) {
            Path p = Path.of(dir, "libseccomp.so.2");
            if (Files.exists(p)) {
                try {
                    return Optional.of(p.toRealPath());
                } catch (IOException e) {
                    // a dangling link: keep looking
                }
            }
        }
        return Optional.empty();
    }

    public static boolean available() {
        try {
            api();
            return true;
        } catch (UnsatisfiedLinkError | IllegalStateException e) {
            return false;
        }
    }

    /** "major.minor.micro" of the loaded library. */
    public static String version() {
        Pointer v = api().seccomp_version();
        return v.getInt(0) + "." + v.getInt(4) + "." + v.getInt(8);
    }

    private static Api api() {
        Api a = api;
        if (a == null) {
            synchronized (LibSeccomp.class) {
                if (api == null) {
                    Optional<Path> at = location();
                    try {
                        api = Native.load(at.map(Path::toString).orElse("seccomp"), Api.class);
                    } catch (UnsatisfiedLinkError e) {
                        throw new IllegalStateException("libseccomp is not installed on this host (libseccomp.so.2 not found)", e);
                    }
                }
                a = api;
            }
        }
        return a;
    }

    /** libseccomp's token for an architecture name ("x86_64", "aarch64"...), 0 if it does not know it. */
    public static int resolveArch(String name) {
        return api().seccomp_arch_resolve_name(name);
    }

    /** __NR_SCMP_ERROR: what {@link #resolveSyscall} returns for a name libseccomp does not know. */
    public static final int NR_SCMP_ERROR = -1;

    /**
     * The syscall number on the native architecture; a negative pseudo-syscall number (__PNR_*) for a
     * name that does not exist natively but may on an added architecture (socketcall, _llseek, chown32
     * on x86_64 for x86), which rules take like any number; or {@link #NR_SCMP_ERROR}.
     */
    public static int resolveSyscall(String name) {
        return api().seccomp_syscall_resolve_name(name);
    }

    /** One argument comparison: scmp_arg_cmp. */
    public record Cmp(int arg, int op, long datumA, long datumB) {}

    /** A filter under construction; close releases it. */
    public static final class Filter implements AutoCloseable {
        private final Api lib = api();
        private Pointer ctx;

        public Filter(int defaultAction) {
            ctx = lib.seccomp_init(defaultAction);
            if (ctx == null) {
                throw new IllegalArgumentException("seccomp_init: invalid default action 0x" + Integer.toHexString(defaultAction));
            }
        }

        public void addArch(int token) {
            if (lib.seccomp_arch_exist(ctx, token) == 0) {
                return;
            }
            check(lib.seccomp_arch_add(ctx, token), "seccomp_arch_add");
        }

        /** Removes the native architecture libseccomp starts with. */
        public void removeNative() {
            check(lib.seccomp_arch_remove(ctx, lib.seccomp_arch_native()), "seccomp_arch_remove");
        }

        public boolean hasNative() {
            return lib.seccomp_arch_exist(ctx, lib.seccomp_arch_native()) == 0;
        }

        public static int nativeArch() {
            return api().seccomp_arch_native();
        }

        /** seccomp_rule_add_array; returns 0 or the negative errno libseccomp gave. */
        public int addRule(int action, int syscall, List<Cmp> args) {
            Memory m = null;
            if (!args.isEmpty()) {
                m = new Memory(24L * args.size());
                for (int i = 0; i < args.size(); i++) {
                    Cmp c = args.get(i);
                    m.setInt(24L * i, c.arg());
                    m.setInt(24L * i + 4, c.op());
                    m.setLong(24L * i + 8, c.datumA());
                    m.setLong(24L * i + 16, c.datumB());
                }
            }
            return lib.seccomp_rule_add_array(ctx, action, syscall, args.size(), m);
        }

        /** The filter as struct sock_filter[] bytes, written by libseccomp to a memfd and read back. */
        public byte[] exportBpf() {
            Fns f = Native.load("c", Fns.class);
            int fd = f.memfd_create("jrt-seccomp", 1 /* MFD_CLOEXEC */);
            if (fd < 0) {
                throw new SyscallException("memfd_create", Native.getLastError(), null);
            }
            try (Fd owned = new Fd(fd)) {
                check(lib.seccomp_export_bpf(ctx, fd), "seccomp_export_bpf");
                long size = f.lseek(fd, 0, 2 /* SEEK_END */);
                if (size < 0 || size > Integer.MAX_VALUE) {
                    throw new SyscallException("lseek", Native.getLastError(), null);
                }
                byte[] out = new byte[(int) size];
                int got = 0;
                while (got < out.length) {
                    byte[] chunk = new byte[out.length - got];
                    long n = f.pread(fd, chunk, chunk.length, got);
                    if (n <= 0) {
                        throw new SyscallException("pread", n < 0 ? Native.getLastError() : 5 /* EIO */, null);
                    }
                    System.arraycopy(chunk, 0, out, got, (int) n);
                    got += (int) n;
                }
                return out;
            }
        }

        @Override
        public void close() {
            if (ctx != null) {
                lib.seccomp_release(ctx);
                ctx = null;
            }
        }

        private static void check(int rc, String call) {
            if (rc < 0) {
                throw new SyscallException(call, -rc, null);
            }
        }
    }
}
