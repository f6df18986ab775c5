package dev.jrt.runtime.rootfs;

import dev.jrt.runtime.api.OciRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The mount point of the mount that holds a path, from /proc/self/mountinfo. The container's new
 * mount namespace starts as a copy of this one, so the same path names the copy there: jrt-init
 * makes it private before the rootfs is bound or attached (runc's rootfsParentMountPrivate), so
 * that neither propagates back to the host even with a shared rootfsPropagation, and pivot_root,
 * which refuses a shared parent, works.
 */
final class ParentMount {
    private ParentMount() {}

    static Path of(Path given) {
        Path best = Path.of("/");
        try {
            Path path = given.toRealPath();
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                if (f.length < 5) {
                    continue;
                }
                Path mountPoint = Path.of(unescape(f[4]));
                if (path.startsWith(mountPoint) && mountPoint.getNameCount() > best.getNameCount()) {
                    best = mountPoint;
                }
            }
        } catch (IOException e) {
            throw new OciRuntimeException("read /proc/self/mountinfo: " + e.getMessage(), e);
        }
        return best;
    }

    /** mountinfo escapes space, tab, newline and backslash as \ooo. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
