package dev.jrt.runtime.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about the host jrt runs on: its own capability sets and which LSMs can take a label. */
public final class HostSecurity {
    private HostSecurity() {}

    /** A capability set of this process from /proc/self/status ("CapBnd", "CapEff"...), as a mask. */
    public static long ownCapabilities(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseUnsignedLong(line.substring(field.length() + 1).trim(), 16);
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("read " + field + " from /proc/self/status: " + e.getMessage(), e);
        }
        throw new IllegalStateException("/proc/self/status has no " + field);
    }

    /** As runc's apparmor.IsEnabled: the module is enabled and securityfs shows it. */
    public static boolean apparmorEnabled() {
        try {
            return Files.isDirectory(Path.of("/sys/kernel/security/apparmor"))
                    && Files.readString(Path.of("/sys/module/apparmor/parameters/enabled")).startsWith("Y");
        } catch (IOException e) {
            return false;
        }
    }

    /** selinuxfs is mounted: the kernel runs SELinux. */
    public static boolean selinuxEnabled() {
        return Files.exists(Path.of("/sys/fs/selinux/enforce"));
    }
}
