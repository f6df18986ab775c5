package dev.jrt.runtime.cgroups;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A directory laid out like /sys/fs/cgroup: the files a kernel would offer, with given contents. */
final class FakeCgroupfs {
    private FakeCgroupfs() {}

    /** Creates dir with the given files, empty. */
    static Path dir(Path dir, String... files) {
        try {
            Files.createDirectories(dir);
            for (String f : files) {
                Files.writeString(dir.resolve(f), "");
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void put(Path dir, String file, String content) {
        try {
            Files.writeString(dir.resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the runtime wrote last into file. */
    static String get(Path dir, String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
