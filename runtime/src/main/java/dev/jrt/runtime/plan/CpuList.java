package dev.jrt.runtime.plan;

import dev.jrt.runtime.api.OciRuntimeException;
import java.util.BitSet;

/**
 * A CPU or memory-node list such as "0-3,7" as a bit mask (bit n = CPU or node n, in 64-bit
 * little-endian words): the layout of cpu_set_t and of set_mempolicy(2)'s nodemask.
 */
public final class CpuList {
    /** glibc's CPU_SETSIZE times 8: the kernel takes larger masks, but no machine jrt runs on has more CPUs. */
    public static final int MAX_CPUS = 8192;

    private CpuList() {}

    public static byte[] parse(String pointer, String list) {
        return parse(pointer, list, "CPU");
    }

    /** {@code noun} names one element in errors: "CPU" or "memory node". */
    public static byte[] parse(String pointer, String list, String noun) {
        BitSet cpus = new BitSet();
        for (String part : list.split(",", -1)) {
            String p = part.trim();
            int dash = p.indexOf('-');
            int from = number(pointer, list, dash < 0 ? p : p.substring(0, dash), noun);
            int to = dash < 0 ? from : number(pointer, list, p.substring(dash + 1), noun);
            if (to < from) {
                throw bad(pointer, list, noun, "range " + p + " goes backwards");
            }
            cpus.set(from, to + 1);
        }
        byte[] mask = new byte[(cpus.length() + 63) / 64 * 8];
        byte[] bits = cpus.toByteArray();
        System.arraycopy(bits, 0, mask, 0, bits.length);
        return mask;
    }

    private static int number(String pointer, String list, String s, String noun) {
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit) || s.length() > 5) {
            throw bad(pointer, list, noun, "\"" + s + "\" is not a " + noun + " number");
        }
        int n = Integer.parseInt(s);
        if (n >= MAX_CPUS) {
            throw bad(pointer, list, noun, noun + " " + n + " is not below " + MAX_CPUS);
        }
        return n;
    }

    private static OciRuntimeException bad(String pointer, String list, String noun, String why) {
        return new OciRuntimeException("config.json: " + pointer + ": invalid " + noun + " list \"" + list + "\": " + why
                + "; expected comma-separated " + noun + " numbers and ranges such as 0-3,7");
    }
}
