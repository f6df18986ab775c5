package dev.jrt.runtime.cgroups;

/** runc's conversions of cgroup v1 values to cgroup v2 files. */
final class V2Values {
    private V2Values() {}

    /** cpu.shares (2..262144) to cpu.weight (1..10000); 0 stays 0 (unset). */
    static long cpuWeight(long shares) {
        if (shares == 0) {
            return 0;
        }
        return 1 + ((shares - 2) * 9999) / 262142;
    }

    /** blkio.weight (10..1000) to io.weight (1..10000); 0 stays 0 (unset). */
    static long ioWeight(long blkioWeight) {
        if (blkioWeight == 0) {
            return 0;
        }
        return 1 + (blkioWeight - 10) * 9999 / 990;
    }

    /**
     * The v1 memory+swap limit to memory.swap.max (swap alone): swap - limit. 0 means unset,
     * -1 unlimited; unlimited memory with swap unset is unlimited swap too.
     *
     * @throws IllegalArgumentException with a message fit for the user when they do not fit
     */
    static long swapMax(long swap, long limit) {
        if (limit == -1 && swap == 0) {
            return -1;
        }
        if (swap == -1 || swap == 0) {
            return swap;
        }
        if (limit == 0 || limit == -1) {
            throw new IllegalArgumentException("a swap limit needs a memory limit");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("invalid memory limit " + limit);
        }
        if (swap < limit) {
            throw new IllegalArgumentException("memory+swap limit " + swap + " is less than the memory limit " + limit
                    + "; allowed: at least the memory limit, or -1");
        }
        return swap - limit;
    }

    /** cpu.max from a quota (-1 or 0: max) and an optional period (0: unchanged). */
    static String cpuMax(long quota, long period) {
        String s = quota > 0 ? Long.toString(quota) : "max";
        return period != 0 ? s + " " + Long.toUnsignedString(period) : s;
    }

    /** A limit where -1 (or any negative value) means "max". */
    static String maxOr(long value) {
        return value < 0 ? "max" : Long.toString(value);
    }
}
