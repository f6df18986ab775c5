package dev.jrt.runtime.cgroups;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the host mounts cgroups, read from /proc/self/mountinfo, and the caller's own cgroups
 * from /proc/self/cgroup (relative cgroupsPath values are resolved against them, as runc does).
 *
 * @param v1Mounts   v1 hierarchy name ("memory", "cpu,cpuacct", "name=systemd") to its mount point
 * @param unified    the cgroup2 mount point, or null
 * @param ownV1      v1 hierarchy name to the caller's cgroup in it
 * @param ownUnified the caller's cgroup in the unified hierarchy
 */
public record CgroupHost(Map<String, Path> v1Mounts, Path unified, Map<String, String> ownV1, String ownUnified) {

    public enum Mode { LEGACY, HYBRID, UNIFIED }

    public Mode mode() {
        if (v1Mounts.isEmpty()) {
            return Mode.UNIFIED;
        }
        return unified == null ? Mode.LEGACY : Mode.HYBRID;
    }

    public static CgroupHost detect() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/self/mountinfo")),
                    Files.readAllLines(Path.of("/proc/self/cgroup")));
        } catch (IOException e) {
            throw new CgroupException("read the host's cgroup mounts: " + CgroupFiles.reason(e), e);
        }
    }

    static CgroupHost parse(List<String> mountinfo, List<String> procCgroup) {
        Map<String, Path> v1 = new LinkedHashMap<>();
        Path unified = null;
        for (String line : mountinfo) {
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] pre = line.substring(0, dash).split(" ");
            String[] post = line.substring(dash + 3).split(" ");
            String mountPoint = pre[4];
            String fstype = post[0];
            if (fstype.equals("cgroup2")) {
                if (unified == null) {
                    unified = Path.of(mountPoint);
                }
            } else if (fstype.equals("cgroup") && post.length >= 3) {
                StringBuilder name = new StringBuilder();
                for (String opt : post[2].split(",")) {
                    if (opt.equals("rw") || opt.equals("ro") || opt.startsWith("release_agent") || opt.equals("clone_children")
                            || opt.equals("noprefix") || opt.equals("xattr") || opt.startsWith("cpuset_v2")) {
                        continue;
                    }
                    if (name.length() > 0) {
                        name.append(',');
                    }
                    name.append(opt);
                }
                v1.putIfAbsent(name.toString(), Path.of(mountPoint));
            }
        }
        Map<String, String> own = new LinkedHashMap<>();
        String ownUnified = "/";
        for (String line : procCgroup) {
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            if (f[0].equals("0") && f[1].isEmpty()) {
                ownUnified = f[2];
            } else {
                own.put(f[1], f[2]);
            }
        }
        return new CgroupHost(v1, unified, own, ownUnified);
    }
}
