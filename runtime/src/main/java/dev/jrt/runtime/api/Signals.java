package dev.jrt.runtime.api;

import java.util.Locale;
import java.util.Map;

/** Linux signal names and numbers (x86-64/arm64 numbering), parsed the way runc's kill does. */
public final class Signals {
    private static final Map<String, Integer> BY_NAME = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("IOT", 6), Map.entry("BUS", 7),
            Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11),
            Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15),
            Map.entry("STKFLT", 16), Map.entry("CHLD", 17), Map.entry("CONT", 18), Map.entry("STOP", 19),
            Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22), Map.entry("URG", 23),
            Map.entry("XCPU", 24), Map.entry("XFSZ", 25), Map.entry("VTALRM", 26), Map.entry("PROF", 27),
            Map.entry("WINCH", 28), Map.entry("IO", 29), Map.entry("POLL", 29), Map.entry("PWR", 30),
            Map.entry("SYS", 31));

    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    private Signals() {}

    /** "9", "KILL", "SIGKILL", "sigkill", "RTMIN+3" to a signal number. */
    public static int parse(String s) {
        String t = s.trim();
        try {
            int n = Integer.parseInt(t);
            if (n > 0 && n <= 64) {
                return n;
            }
        } catch (NumberFormatException e) {
            String name = t.toUpperCase(Locale.ROOT);
            if (name.startsWith("SIG")) {
                name = name.substring(3);
            }
            Integer n = BY_NAME.get(name);
            if (n != null) {
                return n;
            }
            if (name.startsWith("RTMIN")) {
                int off = name.length() == 5 ? 0 : Integer.parseInt(name.substring(6)) * (name.charAt(5) == '-' ? -1 : 1);
                return check(34 + off, s);
            }
            if (name.startsWith("RTMAX")) {
                int off = name.length() == 5 ? 0 : Integer.parseInt(name.substring(6)) * (name.charAt(5) == '-' ? -1 : 1);
                return check(64 + off, s);
            }
        }
        throw new OciRuntimeException("unknown signal \"" + s + "\"");
    }

    private static int check(int n, String s) {
        if (n < 34 || n > 64) {
            throw new OciRuntimeException("unknown signal \"" + s + "\"");
        }
        return n;
    }
}
