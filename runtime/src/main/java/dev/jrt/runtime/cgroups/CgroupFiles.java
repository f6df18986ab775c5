package dev.jrt.runtime.cgroups;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading and writing cgroupfs files with errors that name the file. */
final class CgroupFiles {
    private CgroupFiles() {}

    static void write(Path dir, String file, String value) {
        Path p = dir.resolve(file);
        try {
            Files.write(p, value.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CgroupException("write \"" + value + "\" to " + p + ": " + reason(e)); // the reason is the cause
        }
    }

    static String read(Path dir, String file) {
        Path p = dir.resolve(file);
        try {
            return Files.readString(p, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new CgroupException("read " + p + ": " + reason(e));
        }
    }

    static List<Integer> readPids(Path dir) {
        List<Integer> pids = new ArrayList<>();
        collectPids(dir, pids);
        return pids;
    }

    private static void collectPids(Path dir, List<Integer> pids) {
        Path procs = dir.resolve("cgroup.procs");
        if (!Files.exists(procs)) {
            return;
        }
        for (String line : read(dir, "cgroup.procs").split("\n")) {
            if (!line.isBlank()) {
                pids.add(Integer.parseInt(line.trim()));
            }
        }
        for (Path child : children(dir)) {
            collectPids(child, pids);
        }
    }

    static List<Path> children(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, Files::isDirectory)) {
            s.forEach(out::add);
        } catch (IOException e) {
            // a vanished cgroup has no children
        }
        return out;
    }

    /** rmdir a cgroup and its sub-cgroups, bottom up, retrying while the kernel reports it busy. */
    static void removeTree(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        for (Path child : children(dir)) {
            removeTree(child);
        }
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(Math.min(10L * (attempt + 1), 100L));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new CgroupException("remove cgroup " + dir + ": " + reason(last), last);
    }

    static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        int colon = m == null ? -1 : m.lastIndexOf(": ");
        return m == null ? e.getClass().getSimpleName() : (colon >= 0 ? m.substring(colon + 2) : m).toLowerCase(java.util.Locale.ROOT);
    }
}
