package dev.jrt.runtime.cgroups;

import java.util.ArrayList;
import java.util.List;

/**
 * One device cgroup rule: type (a, b, c), major and minor (-1 for any), access (r, w, m).
 * {@link #v1Line()} is what devices.allow / devices.deny take.
 */
public record DeviceRule(boolean allow, char type, long major, long minor, String access) {

    public String v1Line() {
        if (type == 'a') {
            return "a";
        }
        return type + " " + (major < 0 ? "*" : Long.toString(major)) + ":" + (minor < 0 ? "*" : Long.toString(minor))
                + " " + access;
    }

    /**
     * Devices every container may use whatever its config says (runc's AllowedDevices):
     * mknod of any node, the default devices, pseudo-terminals and /dev/net/tun.
     */
    public static List<DeviceRule> defaults() {
        List<DeviceRule> rules = new ArrayList<>();
        rules.add(new DeviceRule(true, 'c', -1, -1, "m"));
        rules.add(new DeviceRule(true, 'b', -1, -1, "m"));
        for (long[] d : new long[][] {{1, 3}, {1, 8}, {1, 7}, {5, 0}, {1, 5}, {1, 9}, {136, -1}, {5, 2}, {10, 200}}) {
            rules.add(new DeviceRule(true, 'c', d[0], d[1], "rwm"));
        }
        return rules;
    }
}
