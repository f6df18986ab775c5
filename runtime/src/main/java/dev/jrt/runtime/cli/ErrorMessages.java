package dev.jrt.runtime.cli;

import dev.jrt.runtime.api.OciRuntimeException;

/** Turns an exception into the one line a user sees: the messages of its cause chain. */
final class ErrorMessages {
    private ErrorMessages() {}

    static String chain(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null || m.isEmpty()) {
                m = t instanceof OciRuntimeException ? "error" : t.getClass().getSimpleName();
            } else if (!t.getClass().getName().startsWith("dev.jrt.") && !(t instanceof java.io.IOException)) {
                m = t.getClass().getSimpleName() + ": " + m;
            }
            if (b.length() > 0) {
                if (b.indexOf(m) >= 0) {
                    continue; // a wrapper that already quotes its cause
                }
                b.append(": ");
            }
            b.append(m);
        }
        for (Throwable s : e.getSuppressed()) {
            b.append(" (cleanup also failed: ").append(s.getMessage()).append(')');
        }
        return b.toString();
    }
}
