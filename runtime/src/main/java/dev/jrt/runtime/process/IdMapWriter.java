package dev.jrt.runtime.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the id maps of a process that unshared a user namespace (the USERMAP step). */
public final class IdMapWriter {
    private IdMapWriter() {}

    /**
     * Writes /proc/pid/setgroups ("deny", only when {@code denySetgroups}: runc does so for
     * rootless containers, where the kernel requires it), then uid_map and gid_map, each in a
     * single write as the kernel requires.
     */
    public static void write(int pid, List<IdMapping> uidMap, List<IdMapping> gidMap, boolean denySetgroups)
            throws IOException {
        Path proc = Path.of("/proc", Integer.toString(pid));
        if (denySetgroups) {
            Files.writeString(proc.resolve("setgroups"), "deny");
        }
        writeMap(proc.resolve("uid_map"), uidMap);
        writeMap(proc.resolve("gid_map"), gidMap);
    }

    static String format(List<IdMapping> map) {
        StringBuilder s = new StringBuilder();
        map.forEach(m -> s.append(m.line()));
        return s.toString();
    }

    private static void writeMap(Path file, List<IdMapping> map) throws IOException {
        if (map.isEmpty()) {
            return;
        }
        try {
            Files.write(file, format(map).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IOException("write " + file + " (" + format(map).trim().replace('\n', ',') + "): " + e.getMessage(), e);
        }
    }
}
