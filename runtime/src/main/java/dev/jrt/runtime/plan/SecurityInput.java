package dev.jrt.runtime.plan;

/**
 * Host facts and parent-side results the security part of the plan needs: the compiled seccomp
 * program and its seccomp(2) flags (null when the config has no seccomp), the host's capability
 * bounding set (capabilities outside it cannot be granted and are left out), and whether the
 * host's AppArmor and SELinux can take a label.
 */
public record SecurityInput(byte[] seccompProgram, int seccompFlags, long hostBounding, boolean apparmor,
                            boolean selinux) {
    /** Nothing prepared: a config with seccomp or an LSM label is refused by the planner. */
    public static final SecurityInput NONE = new SecurityInput(null, 0, -1L, false, false);
}
