package dev.jrt.runtime.plan;

import dev.jrt.runtime.api.OciRuntimeException;
import java.util.BitSet;

/** A CPU list such as "0-3,7" as a cpu_set_t mask (bit n = CPU n, little-endian words). */
public final class CpuList {
    /** glibc's CPU_SETSIZE times 8: the kernel takes larger masks, but no machine jrt runs on has more CPUs. */
    public static final int MAX_CPUS = 8192;

    private CpuList() {}

    public static byte[] parse(String pointer, String list) {
        BitSet cpus = new BitSet();
        for (String part : list.split(",", -1)) {
            String p = part.trim();
            int dash = p.indexOf('-');
            int from = number(pointer, list, dash < 0 ? p : p.substring(0, dash));
            int to = dash < 0 ? from : number(pointer, list, p.substring(dash + 1));
            if (to < from) {
                throw bad(pointer, list, "range " + p + " goes backwards");
            }
            cpus.set(from, to + 1);
        }
        byte[] mask = new byte[(cpus.length() + 63) / 64 * 8];
        byte[] bits = cpus.toByteArray();
        System.arraycopy(bits, 0, mask, 0, bits.length);
        return mask;
    }

    private static int number(String pointer, String list, String s) {
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit) || s.length() > 5) {
            throw bad(pointer, list, "\"" + s + "\" is not a CPU number");
        }
        int n = Integer.parseInt(s);
        if (n >= MAX_CPUS) {
            throw bad(pointer, list, "CPU " + n + " is not below " + MAX_CPUS);
        }
        return n;
    }

    private static OciRuntimeException bad(String pointer, String list, String why) {
        return new OciRuntimeException("config.json: " + pointer + ": invalid CPU list \"" + list + "\": " + why
                + "; expected comma-separated CPU numbers and ranges such as 0-3,7");
    }
}
