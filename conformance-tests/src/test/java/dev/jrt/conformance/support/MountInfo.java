package dev.jrt.conformance.support;

import java.util.Arrays;
import java.util.List;

/**
 * One line of /proc/PID/mountinfo:
 * {@code id parent major:minor root mountpoint options [optional...] - fstype source superoptions}.
 */
public record MountInfo(String root, String mountPoint, List<String> options, List<String> optional,
                        String fsType, String source, List<String> superOptions) {

    public static MountInfo parse(String line) {
        String[] f = line.split(" ");
        int dash = Arrays.asList(f).indexOf("-");
        return new MountInfo(unescape(f[3]), unescape(f[4]), List.of(f[5].split(",")),
                List.of(Arrays.copyOfRange(f, 6, dash)), f[dash + 1], unescape(f[dash + 2]),
                dash + 3 < f.length ? List.of(f[dash + 3].split(",")) : List.of());
    }

    public boolean hasOption(String o) {
        return options.contains(o);
    }

    /** The propagation: "shared", "slave", "unbindable" or "private" (from the optional fields). */
    public String propagation() {
        if (optional.stream().anyMatch(s -> s.startsWith("shared:"))) {
            return "shared";
        }
        if (optional.stream().anyMatch(s -> s.startsWith("master:"))) {
            return "slave";
        }
        if (optional.contains("unbindable")) {
            return "unbindable";
        }
        return "private";
    }

    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}
