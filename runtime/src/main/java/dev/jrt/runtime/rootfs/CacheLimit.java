package dev.jrt.runtime.rootfs;

import dev.jrt.runtime.api.OciRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many bytes of unpacked trees the rootfs cache keeps: the environment variable
 * {@value #VARIABLE} (bytes, or with k, m or g; 0 keeps only trees in use), else the smaller of
 * {@value #DEFAULT_MAX_GIB} GiB and a quarter of the filesystem that holds the cache (beside the
 * state root, often a tmpfs such as /run: memory).
 */
final class CacheLimit {
    static final String VARIABLE = "JRT_ROOTFS_CACHE_MAX";
    static final long DEFAULT_MAX_GIB = 4;

    private CacheLimit() {}

    static long fromEnvironment(Path cacheDir) {
        return of(System.getenv(VARIABLE), cacheDir);
    }

    static long of(String setting, Path cacheDir) {
        if (setting != null) {
            return RootfsTarball.parseSize(setting, "environment " + VARIABLE, "a number of bytes");
        }
        Path existing = cacheDir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            long quarter = existing == null ? Long.MAX_VALUE : Files.getFileStore(existing).getTotalSpace() / 4;
            return Math.min(DEFAULT_MAX_GIB << 30, quarter);
        } catch (IOException e) {
            throw new OciRuntimeException("size of the filesystem of " + cacheDir + ": " + e.getMessage(), e);
        }
    }
}
