package dev.jrt.runtime.sys;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bpf(2) calls of the cgroup v2 device filter. glibc has no wrapper, so union bpf_attr is
 * laid out here by hand (linux/bpf.h; the same on x86_64 and arm64), zero-filled as the kernel
 * requires of every byte it does not know.
 */
public final class Bpf {
    private Bpf() {}

    static final int BPF_PROG_LOAD = 5;
    static final int BPF_PROG_ATTACH = 8;
    static final int BPF_PROG_DETACH = 9;
    static final int BPF_PROG_GET_FD_BY_ID = 13;
    static final int BPF_PROG_QUERY = 16;
    static final int BPF_PROG_TYPE_CGROUP_DEVICE = 15;
    static final int BPF_CGROUP_DEVICE = 6;
    static final int BPF_F_ALLOW_MULTI = 2;
    static final int RLIMIT_MEMLOCK = 8;
    private static final int ATTR_SIZE = 128;
    private static final int LOG_SIZE = 64 * 1024;

    static long syscallNumber() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> 321;
            case "aarch64" -> 280;
            default -> throw new UnsupportedOperationException("bpf(2): unknown architecture " + System.getProperty("os.arch"));
        };
    }

    private static int bpf(int cmd, Memory attr) {
        return (int) LibC.INSTANCE.syscall(syscallNumber(), (long) cmd, attr, (long) ATTR_SIZE);
    }

    private static Memory attr() {
        Memory m = new Memory(ATTR_SIZE);
        m.clear();
        return m;
    }

    /**
     * BPF_PROG_LOAD of a BPF_PROG_TYPE_CGROUP_DEVICE program. On kernels before 5.11 the program is
     * charged to RLIMIT_MEMLOCK: when that refuses it (EPERM) the limit is lifted for the one
     * retry and put back, so no process started later inherits it. A program the verifier
     * rejects fails with the verifier's log.
     */
    public static Fd loadCgroupDeviceProgram(byte[] insns, String license, String name) {
        int fd = load(insns, license, name, null);
        int errno = fd < 0 ? Native.getLastError() : 0;
        if (fd < 0 && errno == Errno.EPERM) {
            long[] old = new long[2];
            if (LibC.INSTANCE.getrlimit(RLIMIT_MEMLOCK, old) == 0
                    && LibC.INSTANCE.setrlimit(RLIMIT_MEMLOCK, new long[] {-1L, -1L}) == 0) {
                fd = load(insns, license, name, null);
                errno = fd < 0 ? Native.getLastError() : 0;
                LibC.INSTANCE.setrlimit(RLIMIT_MEMLOCK, old);
            }
        }
        if (fd >= 0) {
            return new Fd(fd);
        }
        String log = "";
        if (errno == Errno.EINVAL || errno == Errno.EACCES) {
            try (Memory buf = new Memory(LOG_SIZE)) {
                buf.clear();
                int again = load(insns, license, name, buf);
                if (again >= 0) {
                    LibC.INSTANCE.close(again);
                } else {
                    log = buf.getString(0, StandardCharsets.UTF_8.name()).strip();
                }
            }
        }
        throw new SyscallException("bpf(BPF_PROG_LOAD)", errno,
                "cgroup device program of " + insns.length / 8 + " instructions" + (log.isEmpty() ? "" : "; verifier: " + log));
    }

    private static int load(byte[] insns, String license, String name, Memory log) {
        try (Memory prog = new Memory(insns.length); Memory lic = new Memory(license.length() + 1); Memory attr = attr()) {
            prog.write(0, insns, 0, insns.length);
            lic.setString(0, license, StandardCharsets.US_ASCII.name());
            attr.setInt(0, BPF_PROG_TYPE_CGROUP_DEVICE); // prog_type
            attr.setInt(4, insns.length / 8);              // insn_cnt
            attr.setPointer(8, prog);                      // insns
            attr.setPointer(16, lic);                      // license
            if (log != null) {
                attr.setInt(24, 1);                        // log_level
                attr.setInt(28, (int) log.size());         // log_size
                attr.setPointer(32, log);                  // log_buf
            }
            byte[] n = name.getBytes(StandardCharsets.US_ASCII);
            attr.write(48, n, 0, Math.min(n.length, 15));  // prog_name[16]
            return bpf(BPF_PROG_LOAD, attr);
        }
    }

    /** BPF_PROG_QUERY: the ids of the device programs attached to the cgroup, in order. */
    public static List<Integer> queryCgroupDevicePrograms(Fd cgroup) {
        int capacity = 64;
        while (true) {
            try (Memory ids = new Memory(4L * capacity); Memory attr = attr()) {
                attr.setInt(0, cgroup.get());          // target_fd
                attr.setInt(4, BPF_CGROUP_DEVICE);     // attach_type
                attr.setPointer(16, ids);              // prog_ids
                attr.setInt(24, capacity);             // prog_cnt
                if (bpf(BPF_PROG_QUERY, attr) < 0) {
                    int errno = Native.getLastError();
                    if (errno == 28 && capacity < 65536) { // ENOSPC: more programs than room
                        capacity *= 16;
                        continue;
                    }
                    throw new SyscallException("bpf(BPF_PROG_QUERY)", errno, "fd " + cgroup.get());
                }
                int count = attr.getInt(24);
                List<Integer> out = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    out.add(ids.getInt(4L * i));
                }
                return out;
            }
        }
    }

    /** BPF_PROG_GET_FD_BY_ID. */
    public static Fd programById(int id) {
        try (Memory attr = attr()) {
            attr.setInt(0, id); // prog_id
            int fd = bpf(BPF_PROG_GET_FD_BY_ID, attr);
            if (fd < 0) {
                throw new SyscallException("bpf(BPF_PROG_GET_FD_BY_ID)", Native.getLastError(), "program " + id);
            }
            return new Fd(fd);
        }
    }

    /** BPF_PROG_ATTACH as BPF_CGROUP_DEVICE with BPF_F_ALLOW_MULTI: runs beside programs already there. */
    public static void attachCgroupDevice(Fd cgroup, Fd program) {
        progCommand(BPF_PROG_ATTACH, "bpf(BPF_PROG_ATTACH)", cgroup, program, BPF_F_ALLOW_MULTI);
    }

    /** BPF_PROG_DETACH of one program attached as BPF_CGROUP_DEVICE. */
    public static void detachCgroupDevice(Fd cgroup, Fd program) {
        progCommand(BPF_PROG_DETACH, "bpf(BPF_PROG_DETACH)", cgroup, program, 0);
    }

    private static void progCommand(int cmd, String what, Fd cgroup, Fd program, int flags) {
        try (Memory attr = attr()) {
            attr.setInt(0, cgroup.get());         // target_fd
            attr.setInt(4, program.get());        // attach_bpf_fd
            attr.setInt(8, BPF_CGROUP_DEVICE);    // attach_type
            attr.setInt(12, flags);               // attach_flags
            if (bpf(cmd, attr) < 0) {
                throw new SyscallException(what, Native.getLastError(), "cgroup fd " + cgroup.get());
            }
        }
    }

    /**
     * Puts {@code insns} in force on the cgroup directory {@code dir}, replacing the device programs
     * attached before: the new one is attached first, so the cgroup is never without a filter (while
     * both are attached a device needs both to allow it), then the old ones are detached.
     */
    public static void replaceCgroupDeviceFilter(String dir, byte[] insns, String license, String name) {
        try (Fd cgroup = Syscalls.open(dir, Syscalls.O_RDONLY | Syscalls.O_DIRECTORY, 0)) {
            List<Integer> old = queryCgroupDevicePrograms(cgroup);
            try (Fd program = loadCgroupDeviceProgram(insns, license, name)) {
                attachCgroupDevice(cgroup, program);
            }
            for (int id : old) {
                try (Fd program = programById(id)) {
                    detachCgroupDevice(cgroup, program);
                }
            }
        }
    }
}
