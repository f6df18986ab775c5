package dev.jrt.runtime.rootfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps the rootfs cache under its byte limit by removing the least recently used trees that no
 * container uses. Every tree {@code CACHE/<key>} has a stamp {@code CACHE/<key>.use} holding its
 * size, whose mtime is the tree's last use; a container uses a tree from the create that takes it
 * until its {@code delete}, through the file {@value #REFERENCE} in its state directory. Runs under
 * the cache's lock: victims are only renamed to {@code .trash-*} there, and {@link #removeTrash}
 * deletes them once the lock is released.
 */
final class CacheEvictor {
    static final String REFERENCE = "rootfs-cache-entry";
    static final String STAMP = ".use";
    private static final String TRASH = ".trash-";

    private final Path cache;
    private final Path stateRoot;

    CacheEvictor(Path cache, Path stateRoot) {
        this.cache = cache;
        this.stateRoot = stateRoot;
    }

    record Entry(String key, long bytes, FileTime lastUse) {}

    /** Moves least recently used unused trees out of the way until the rest fit in {@code maxBytes}. */
    void evict(long maxBytes) throws IOException {
        List<Entry> entries = entries();
        long total = entries.stream().mapToLong(Entry::bytes).sum();
        if (total <= maxBytes) {
            return;
        }
        Set<String> used = inUse();
        List<Entry> unused = new ArrayList<>(entries.stream().filter(e -> !used.contains(e.key())).toList());
        unused.sort(Comparator.comparing(Entry::lastUse));
        for (Entry e : unused) {
            if (total <= maxBytes) {
                break;
            }
            Files.move(cache.resolve(e.key()), cache.resolve(TRASH + e.key() + "-" + System.nanoTime()));
            Files.deleteIfExists(cache.resolve(e.key() + STAMP));
            total -= e.bytes();
        }
    }

    /** Deletes trees evicted by this or an earlier run (one that died midway leaves its trash). */
    void removeTrash() {
        try (DirectoryStream<Path> trash = Files.newDirectoryStream(cache, TRASH + "*")) {
            for (Path t : trash) {
                TarUnpacker.removeAll(t);
            }
        } catch (IOException e) {
            // another process may be deleting the same trash; what is left goes next time
        }
    }

    /** The cached trees, with size and last use from their stamps (a tree without one is measured). */
    List<Entry> entries() throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(cache, p -> p.getFileName().toString().matches("[0-9a-f]{64}"))) {
            for (Path tree : dirs) {
                String key = tree.getFileName().toString();
                Path stamp = cache.resolve(key + STAMP);
                long bytes;
                try {
                    bytes = Long.parseLong(Files.readString(stamp).trim());
                } catch (NoSuchFileException | NumberFormatException e) {
                    bytes = measure(tree);
                    Files.writeString(stamp, Long.toString(bytes));
                    Files.setLastModifiedTime(stamp, Files.getLastModifiedTime(tree, LinkOption.NOFOLLOW_LINKS));
                }
                entries.add(new Entry(key, bytes, Files.getLastModifiedTime(stamp)));
            }
        }
        return entries;
    }

    /** Keys named by the containers of the state root (created and not yet deleted). */
    Set<String> inUse() throws IOException {
        Set<String> used = new HashSet<>();
        if (!Files.isDirectory(stateRoot)) {
            return used;
        }
        try (DirectoryStream<Path> containers = Files.newDirectoryStream(stateRoot)) {
            for (Path c : containers) {
                try {
                    used.add(Files.readString(c.resolve(REFERENCE)).trim());
                } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
                    // not a container, or one without a cached tree
                }
            }
        }
        return used;
    }

    /** Bytes in use by a tree: 4 KiB per entry plus the file contents, as the unpacker counts. */
    static long measure(Path tree) throws IOException {
        try (Stream<Path> all = Files.walk(tree)) {
            long bytes = 0;
            for (Path p : (Iterable<Path>) all::iterator) {
                bytes += 4096;
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    bytes += Files.size(p);
                }
            }
            return bytes;
        }
    }
}
