package dev.jrt.spec.validate;

import dev.jrt.spec.model.Known;
import dev.jrt.spec.model.LinuxSeccomp;
import dev.jrt.spec.model.LinuxSeccompArg;
import dev.jrt.spec.model.LinuxSyscall;
import dev.jrt.spec.model.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code linux.seccomp} in libseccomp's names: known actions, architectures, flags and
 * operators; an errno only for actions that return one (config-linux.md: MUST fail
 * otherwise); argument indexes 0 to 5; and the notify rules: SCMP_ACT_NOTIFY needs a
 * {@code listenerPath}, cannot be the default action (as in runc), and
 * {@code listenerMetadata} needs {@code listenerPath}.
 */
final class SeccompCheck implements Check {

    private static final int MAX_ARG_INDEX = 5;
    private static final String NOTIFY = "SCMP_ACT_NOTIFY";

    @Override
    public List<Problem> check(Spec spec) {
        LinuxSeccomp seccomp = spec.linux() == null ? null : spec.linux().seccomp();
        if (seccomp == null) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        boolean hasListener = seccomp.listenerPath() != null && !seccomp.listenerPath().isEmpty();
        String defaultAction = seccomp.defaultAction();
        if (defaultAction == null || defaultAction.isEmpty()) {
            problems.add(new Problem("/linux/seccomp/defaultAction", "is required"));
        } else if (!Known.SECCOMP_ACTIONS.contains(defaultAction)) {
            problems.add(new Problem("/linux/seccomp/defaultAction",
                    Messages.unknown("action", defaultAction, Known.SECCOMP_ACTIONS)));
        } else if (defaultAction.equals(NOTIFY)) {
            problems.add(new Problem("/linux/seccomp/defaultAction", "SCMP_ACT_NOTIFY cannot be the default action"));
        }
        if (seccomp.defaultErrnoRet() != null && !Known.SECCOMP_ERRNO_ACTIONS.contains(defaultAction)) {
            problems.add(new Problem("/linux/seccomp/defaultErrnoRet", errnoNotTaken(defaultAction)));
        }
        names("architectures", "architecture", seccomp.architectures(), Known.SECCOMP_ARCHITECTURES, problems);
        names("flags", "flag", seccomp.flags(), Known.SECCOMP_FLAGS, problems);
        if (seccomp.listenerMetadata() != null && !seccomp.listenerMetadata().isEmpty() && !hasListener) {
            problems.add(new Problem("/linux/seccomp/listenerMetadata", "needs /linux/seccomp/listenerPath"));
        }
        List<LinuxSyscall> syscalls = seccomp.syscalls();
        for (int i = 0; syscalls != null && i < syscalls.size(); i++) {
            if (syscalls.get(i) != null) {
                syscall(i, syscalls.get(i), hasListener, problems);
            }
        }
        return problems;
    }

    private static void syscall(int i, LinuxSyscall syscall, boolean hasListener, List<Problem> problems) {
        List<String> names = syscall.names();
        for (int n = 0; names != null && n < names.size(); n++) {
            if (names.get(n) == null || names.get(n).isEmpty()) {
                problems.add(new Problem(Pointer.of("linux", "seccomp", "syscalls", i, "names", n), "must not be empty"));
            }
        }
        String action = syscall.action();
        String actionPointer = Pointer.of("linux", "seccomp", "syscalls", i, "action");
        if (action == null || action.isEmpty()) {
            problems.add(new Problem(actionPointer, "is required"));
        } else if (!Known.SECCOMP_ACTIONS.contains(action)) {
            problems.add(new Problem(actionPointer, Messages.unknown("action", action, Known.SECCOMP_ACTIONS)));
        } else if (action.equals(NOTIFY) && !hasListener) {
            problems.add(new Problem(actionPointer, "SCMP_ACT_NOTIFY needs /linux/seccomp/listenerPath"));
        }
        if (syscall.errnoRet() != null && !Known.SECCOMP_ERRNO_ACTIONS.contains(action)) {
            problems.add(new Problem(Pointer.of("linux", "seccomp", "syscalls", i, "errnoRet"), errnoNotTaken(action)));
        }
        List<LinuxSeccompArg> args = syscall.args();
        for (int a = 0; args != null && a < args.size(); a++) {
            LinuxSeccompArg arg = args.get(a);
            if (arg == null) {
                continue;
            }
            if (arg.index() != null && (arg.index() < 0 || arg.index() > MAX_ARG_INDEX)) {
                problems.add(new Problem(Pointer.of("linux", "seccomp", "syscalls", i, "args", a, "index"),
                        "must be between 0 and " + MAX_ARG_INDEX + ", got " + arg.index()));
            }
            if (!Known.SECCOMP_OPERATORS.contains(arg.op())) {
                problems.add(new Problem(Pointer.of("linux", "seccomp", "syscalls", i, "args", a, "op"),
                        Messages.unknown("operator", String.valueOf(arg.op()), Known.SECCOMP_OPERATORS)));
            }
        }
    }

    private static void names(String field, String what, List<String> values, Set<String> known,
                              List<Problem> problems) {
        for (int i = 0; values != null && i < values.size(); i++) {
            if (!known.contains(values.get(i))) {
                problems.add(new Problem(Pointer.of("linux", "seccomp", field, i),
                        Messages.unknown(what, String.valueOf(values.get(i)), known)));
            }
        }
    }

    private static String errnoNotTaken(String action) {
        return "only SCMP_ACT_ERRNO and SCMP_ACT_TRACE take an errno, not " + Messages.quote(String.valueOf(action));
    }
}
