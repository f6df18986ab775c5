package dev.jrt.runtime.security;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.spec.model.LinuxSeccomp;
import dev.jrt.spec.model.LinuxSyscall;
import java.util.List;

/**
 * When a profile needs a seccomp user-notification listener ({@code SCMP_ACT_NOTIFY} with
 * {@code listenerPath}), and what such a profile may not do in jrt.
 */
public final class SeccompNotify {
    static final String NOTIFY = "SCMP_ACT_NOTIFY";
    /**
     * jrt-init sends the notify fd to the parent with sendmsg right after loading the filter,
     * before anyone holds the listener: a notified sendmsg would wait forever (runc refuses NOTIFY
     * on write, which its init uses there, for the same reason).
     */
    static final List<String> NEEDED_BEFORE_LISTENER = List.of("sendmsg");

    private SeccompNotify() {}

    /** Whether the filter gets a listener: some rule notifies and there is a listenerPath (else it is ignored). */
    public static boolean usesListener(LinuxSeccomp s) {
        if (s == null || s.listenerPath() == null || s.listenerPath().isEmpty() || s.syscalls() == null) {
            return false;
        }
        return s.syscalls().stream().anyMatch(r -> r != null && NOTIFY.equals(r.action())
                && r.names() != null && !r.names().isEmpty());
    }

    /** Refuses, naming the field, a notify rule on a syscall jrt-init needs before the listener has the fd. */
    public static void check(LinuxSeccomp s) {
        List<LinuxSyscall> rules = s == null || s.syscalls() == null ? List.of() : s.syscalls();
        for (int i = 0; i < rules.size(); i++) {
            LinuxSyscall r = rules.get(i);
            if (r == null || !NOTIFY.equals(r.action()) || r.names() == null) {
                continue;
            }
            for (int n = 0; n < r.names().size(); n++) {
                if (NEEDED_BEFORE_LISTENER.contains(r.names().get(n))) {
                    throw new OciRuntimeException("config.json: /linux/seccomp/syscalls/" + i + "/names/" + n
                            + ": SCMP_ACT_NOTIFY cannot be used for " + r.names().get(n)
                            + ": jrt-init needs it to hand the notify fd to the runtime");
                }
            }
        }
    }
}
