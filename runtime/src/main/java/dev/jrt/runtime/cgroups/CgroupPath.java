package dev.jrt.runtime.cgroups;

/**
 * runc's cgroupsPath semantics (cgroupfs driver): an absolute path is taken from the hierarchy's
 * root; a relative one, or the container id when the config has none, is taken from the
 * caller's own cgroup. ".." may not climb above the root.
 */
public final class CgroupPath {
    private CgroupPath() {}

    /** The cgroup path inside one hierarchy, always absolute and clean. */
    public static String resolve(String cgroupsPath, String containerId, String ownCgroup) {
        String inner = cgroupsPath == null || cgroupsPath.isEmpty() ? containerId : cgroupsPath;
        String joined = inner.startsWith("/") ? inner : ownCgroup + "/" + inner;
        return clean(joined, cgroupsPath);
    }

    static String clean(String path, String original) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    throw new CgroupException("/linux/cgroupsPath: \"" + original + "\" escapes the cgroup root; allowed: a path that stays inside it");
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return "/" + String.join("/", parts);
    }
}
