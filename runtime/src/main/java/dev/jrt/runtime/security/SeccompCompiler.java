package dev.jrt.runtime.security;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.sys.LibSeccomp;
import dev.jrt.runtime.sys.SyscallException;
import dev.jrt.spec.model.LinuxSeccomp;
import dev.jrt.spec.model.LinuxSeccompArg;
import dev.jrt.spec.model.LinuxSyscall;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Compiles {@code linux.seccomp} to a BPF program with libseccomp, as runc does: the listed
 * architectures are added (the native one stays), syscall names libseccomp does not know are
 * skipped (a name missing only on the native architecture is not: libseccomp's pseudo-syscall
 * number puts it into the filters of the architectures that have it), a rule whose action is
 * the default action is skipped (libseccomp refuses it), and a rule with two conditions on one
 * argument becomes one rule per condition. SCMP_ACT_KILL is
 * KILL_THREAD; ERRNO and TRACE return {@code errnoRet} or EPERM.
 */
public final class SeccompCompiler {
    /** Changes whenever the translation changes, so that cached programs are not reused. */
    public static final String TRANSLATION_VERSION = "2";

    static final int EPERM = 1;

    public static final Map<String, Integer> OPERATORS = Map.of(
            "SCMP_CMP_NE", LibSeccomp.CMP_NE, "SCMP_CMP_LT", LibSeccomp.CMP_LT, "SCMP_CMP_LE", LibSeccomp.CMP_LE,
            "SCMP_CMP_EQ", LibSeccomp.CMP_EQ, "SCMP_CMP_GE", LibSeccomp.CMP_GE, "SCMP_CMP_GT", LibSeccomp.CMP_GT,
            "SCMP_CMP_MASKED_EQ", LibSeccomp.CMP_MASKED_EQ);

    private SeccompCompiler() {}

    /** The action word for an OCI action name (validated before) and its errno. */
    public static int action(String name, Long errnoRet) {
        int errno = errnoRet == null ? EPERM : (int) (errnoRet & 0xffff);
        return switch (name) {
            case "SCMP_ACT_ALLOW" -> LibSeccomp.ACT_ALLOW;
            case "SCMP_ACT_ERRNO" -> LibSeccomp.actErrno(errno);
            case "SCMP_ACT_TRACE" -> LibSeccomp.actTrace(errno);
            case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> LibSeccomp.ACT_KILL_THREAD;
            case "SCMP_ACT_KILL_PROCESS" -> LibSeccomp.ACT_KILL_PROCESS;
            case "SCMP_ACT_TRAP" -> LibSeccomp.ACT_TRAP;
            case "SCMP_ACT_LOG" -> LibSeccomp.ACT_LOG;
            case "SCMP_ACT_NOTIFY" -> LibSeccomp.ACT_NOTIFY;
            default -> throw new IllegalArgumentException("unknown seccomp action " + name);
        };
    }

    /** libseccomp's name for an OCI architecture: SCMP_ARCH_X86_64 -> x86_64. */
    static String archName(String oci) {
        return oci.substring("SCMP_ARCH_".length()).toLowerCase(Locale.ROOT);
    }

    /**
     * The program as struct sock_filter[] bytes. {@code skipped} hears about each syscall name
     * libseccomp does not know (runc skips them: the kernel may not have them either).
     */
    public static byte[] compile(LinuxSeccomp s, Consumer<String> skipped) {
        if (!LibSeccomp.available()) {
            throw new OciRuntimeException("config.json: /linux/seccomp: libseccomp is not installed on this host"
                    + " (libseccomp.so.2 not found); install libseccomp2 or remove /linux/seccomp");
        }
        int defaultAction = action(s.defaultAction(), s.defaultErrnoRet());
        try (LibSeccomp.Filter f = new LibSeccomp.Filter(defaultAction)) {
            List<String> archs = s.architectures() == null ? List.of() : s.architectures();
            for (int i = 0; i < archs.size(); i++) {
                int token = LibSeccomp.resolveArch(archName(archs.get(i)));
                if (token == 0) {
                    throw new OciRuntimeException("config.json: /linux/seccomp/architectures/" + i + ": libseccomp "
                            + LibSeccomp.version() + " does not know " + archs.get(i));
                }
                f.addArch(token);
            }
            List<LinuxSyscall> rules = s.syscalls() == null ? List.of() : s.syscalls();
            for (int i = 0; i < rules.size(); i++) {
                rule(f, "/linux/seccomp/syscalls/" + i, rules.get(i), defaultAction, skipped);
            }
            return f.exportBpf();
        } catch (SyscallException e) {
            throw new OciRuntimeException("config.json: /linux/seccomp: " + e.getMessage(), e);
        }
    }

    private static void rule(LibSeccomp.Filter f, String pointer, LinuxSyscall r, int defaultAction,
                             Consumer<String> skipped) {
        int action = action(r.action(), r.errnoRet());
        if (action == defaultAction || r.names() == null) {
            return;
        }
        List<LibSeccomp.Cmp> conditions = new ArrayList<>();
        boolean sameArgTwice = false;
        boolean[] seen = new boolean[6];
        for (LinuxSeccompArg a : r.args() == null ? List.<LinuxSeccompArg>of() : r.args()) {
            int index = a.index() == null ? 0 : a.index().intValue();
            sameArgTwice |= seen[index];
            seen[index] = true;
            conditions.add(new LibSeccomp.Cmp(index, OPERATORS.get(a.op()), a.value() == null ? 0 : a.value(),
                    a.valueTwo() == null ? 0 : a.valueTwo()));
        }
        for (int n = 0; n < r.names().size(); n++) {
            String name = r.names().get(n);
            int nr = LibSeccomp.resolveSyscall(name);
            if (nr == LibSeccomp.NR_SCMP_ERROR) {
                skipped.accept(name);
                continue;
            }
            if (sameArgTwice) {
                for (LibSeccomp.Cmp c : conditions) {
                    add(f, pointer, name, action, nr, List.of(c));
                }
            } else {
                add(f, pointer, name, action, nr, conditions);
            }
        }
    }

    private static void add(LibSeccomp.Filter f, String pointer, String name, int action, int nr,
                            List<LibSeccomp.Cmp> conditions) {
        int rc = f.addRule(action, nr, conditions);
        if (rc < 0) {
            throw new OciRuntimeException("config.json: " + pointer + ": add a rule for " + name + ": "
                    + dev.jrt.runtime.sys.Errno.describe(-rc));
        }
    }
}
