package dev.jrt.runtime.security;

import dev.jrt.spec.model.LinuxSeccomp;
import dev.jrt.spec.model.LinuxSeccompArg;
import dev.jrt.spec.model.LinuxSyscall;
import java.util.List;

/**
 * A seccomp profile as one text with every field in a fixed order, each value length-prefixed,
 * so two profiles give the same text exactly when they are equal. It keys {@link SeccompCache}:
 * written by hand because serialising the records with databind cost a cold JVM tens of
 * milliseconds on every {@code create}.
 */
final class SeccompProfileText {
    private final StringBuilder out = new StringBuilder(4096);

    private SeccompProfileText() {
    }

    static String of(LinuxSeccomp s) {
        SeccompProfileText t = new SeccompProfileText();
        t.value(s.defaultAction()).value(s.defaultErrnoRet()).strings(s.architectures()).strings(s.flags())
                .value(s.listenerPath()).value(s.listenerMetadata());
        List<LinuxSyscall> syscalls = s.syscalls();
        t.size(syscalls);
        if (syscalls != null) {
            for (LinuxSyscall rule : syscalls) {
                t.strings(rule.names()).value(rule.action()).value(rule.errnoRet());
                t.size(rule.args());
                if (rule.args() != null) {
                    for (LinuxSeccompArg a : rule.args()) {
                        t.value(a.index()).value(a.value()).value(a.valueTwo()).value(a.op());
                    }
                }
            }
        }
        return t.out.toString();
    }

    /** null as "-", anything else as its length, a colon and its text. */
    private SeccompProfileText value(Object v) {
        if (v == null) {
            out.append("-;");
        } else {
            String text = v.toString();
            out.append(text.length()).append(':').append(text).append(';');
        }
        return this;
    }

    private SeccompProfileText size(List<?> list) {
        out.append(list == null ? "-" : Integer.toString(list.size())).append('[');
        return this;
    }

    private SeccompProfileText strings(List<String> list) {
        size(list);
        if (list != null) {
            list.forEach(this::value);
        }
        return this;
    }
}
