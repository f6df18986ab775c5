package dev.jrt.conformance.support;

import java.util.List;

/** Linux capability names and bit numbers (linux/capability.h). */
public final class Caps {

    public static final List<String> NAMES = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
            "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
            "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
            "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
            "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN",
            "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
            "CAP_CHECKPOINT_RESTORE");

    private Caps() {}

    public static long mask(String... names) {
        long m = 0;
        for (String n : names) {
            int bit = NAMES.indexOf(n);
            if (bit < 0) {
                throw new IllegalArgumentException("unknown capability " + n);
            }
            m |= 1L << bit;
        }
        return m;
    }

    /** Human-readable names of the bits in {@code mask}, for assertion messages. */
    public static String describe(long mask) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            if ((mask & (1L << i)) != 0) {
                sb.append(sb.length() == 0 ? "" : ",").append(i < NAMES.size() ? NAMES.get(i) : "CAP_" + i);
            }
        }
        return "[" + sb + "]";
    }

    /** The bounding set of this (the test) process, from /proc/self/status. */
    public static long hostBounding() {
        String status = Container.read(java.nio.file.Path.of("/proc/self/status"));
        return status.lines().filter(l -> l.startsWith("CapBnd:")).map(l -> Long.parseUnsignedLong(l.substring(7).trim(), 16))
                .findFirst().orElse(0L);
    }
}
