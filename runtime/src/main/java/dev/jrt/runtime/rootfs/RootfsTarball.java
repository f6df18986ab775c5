package dev.jrt.runtime.rootfs;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.sys.DetachedMounts;
import dev.jrt.runtime.sys.Fd;
import dev.jrt.spec.model.Spec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rootfs tarball (root.path names a tar, tar.gz, tar.xz or tar.zst file) unpacked onto a fresh
 * tmpfs that is never attached in the host's mount namespace: it is made with fsopen/fsmount and
 * exists only as a descriptor until jrt-init move_mount()s it in the container's own mount
 * namespace (op AttachMount). When the container's last process exits, the tmpfs goes with its
 * mount namespace; a failed create closes the descriptor and the tmpfs is gone. Its size comes
 * from the annotation {@value #SIZE_ANNOTATION} (bytes, or with a k, m or g suffix).
 */
public final class RootfsTarball {
    public static final String SIZE_ANNOTATION = "dev.jrt.rootfs.size";
    public static final String CACHE_ANNOTATION = "dev.jrt.rootfs.cache";
    public static final long DEFAULT_SIZE = 1L << 30;
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,15})([kKmMgG]?)");

    private RootfsTarball() {}

    /** The tmpfs size the config asks for. */
    public static long size(Spec spec) {
        String v = spec.annotations() == null ? null : spec.annotations().get(SIZE_ANNOTATION);
        if (v == null) {
            return DEFAULT_SIZE;
        }
        String where = "config.json: /annotations/" + SIZE_ANNOTATION;
        long size = parseSize(v, where, "a positive number of bytes");
        if (size == 0) {
            throw new OciRuntimeException(where + ": \"" + v + "\" is not a size; allowed: a positive number of bytes,"
                    + " optionally with k, m or g (e.g. 512m)");
        }
        return size;
    }

    /** Bytes, or with a k, m or g suffix; {@code where} names the setting and {@code allowed} its numbers in the error. */
    static long parseSize(String v, String where, String allowed) {
        Matcher m = SIZE.matcher(v);
        if (!m.matches()) {
            throw new OciRuntimeException(where + ": \"" + v + "\" is not a size; allowed: " + allowed
                    + ", optionally with k, m or g (e.g. 512m)");
        }
        int shift = switch (m.group(2).toLowerCase()) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    /**
     * The container's root filesystem from the tarball, as a detached mount: by default an overlay
     * of the shared unpacked copy in {@code cacheDir} (read-only lower layer) under a writable
     * layer on a new tmpfs of the annotated size; with annotation {@value #CACHE_ANNOTATION} "false",
     * the tarball unpacked straight onto the tmpfs. Errors name /root/path, the archive and the
     * entry; on failure no mount is left. {@code stateDir} (the container's) records the cached tree it uses.
     */
    public static Fd unpack(Path archive, ArchiveFormat format, Spec spec, Path cacheDir, Path stateDir) {
        long size = size(spec);
        boolean cached = cacheEnabled(spec);
        long cacheMax = cached ? CacheLimit.fromEnvironment(cacheDir) : 0;
        boolean userns = spec.linux() != null && spec.linux().namespaces() != null
                && spec.linux().namespaces().stream().anyMatch(n -> "user".equals(n.type()));
        IdTranslation uids = IdTranslation.of(userns ? spec.linux().uidMappings() : null, "/linux/uidMappings");
        IdTranslation gids = IdTranslation.of(userns ? spec.linux().gidMappings() : null, "/linux/gidMappings");
        long rootUid = uids.toHost(0);
        long rootGid = gids.toHost(0);
        Map<String, String> options = new LinkedHashMap<>();
        options.put("size", Long.toString(size));
        options.put("mode", "0755");
        options.put("uid", Long.toString(rootUid < 0 ? 0 : rootUid));
        options.put("gid", Long.toString(rootGid < 0 ? 0 : rootGid));
        String where = "config.json: /root/path: " + archive + " (" + format.displayName() + ")";
        Fd tmpfs = DetachedMounts.tmpfs(options, 0);
        Path top = Path.of("/proc/self/fd/" + tmpfs.get());
        TarUnpacker unpacker = new TarUnpacker(top, uids, gids, !userns);
        RootfsCache cache = new RootfsCache(cacheDir, stateDir, cacheMax);
        try {
            if (!cached) {
                try (InputStream in = format.open(archive)) {
                    unpacker.unpack(in);
                }
                return tmpfs;
            }
            Path tree = cache.tree(archive, format, uids, gids, !userns, size);
            try (Fd layer = tmpfs) {
                return WritableLayer.over(tree, top);
            }
        } catch (UnpackException e) {
            tmpfs.close();
            String hint = e.tooBig() ? " (annotation " + SIZE_ANNOTATION + ")" : "";
            throw new OciRuntimeException(where + ": entry \"" + entry(cached, cache, unpacker) + "\": " + e.getMessage()
                    + hint, e);
        } catch (IOException | RuntimeException e) {
            tmpfs.close();
            String reason = TarUnpacker.reason(e);
            if (reason.contains("No space left on device")) {
                reason += cached ? " (where the cache " + cacheDir + " is)"
                        : " (the rootfs tmpfs is full: " + size + " bytes; set annotation " + SIZE_ANNOTATION + ")";
            } else if (!(e instanceof java.nio.file.FileSystemException) && !(e instanceof OciRuntimeException)) {
                reason = "corrupt or truncated archive: " + reason;
            }
            throw new OciRuntimeException(where + ": entry \"" + entry(cached, cache, unpacker) + "\": " + reason, e);
        }
    }

    private static String entry(boolean cached, RootfsCache cache, TarUnpacker unpacker) {
        return cached ? cache.lastEntry() : unpacker.currentEntry();
    }

    /** Whether the tarball is unpacked once into the shared cache (the default) or per container. */
    static boolean cacheEnabled(Spec spec) {
        String v = spec.annotations() == null ? null : spec.annotations().get(CACHE_ANNOTATION);
        if (v == null || v.equals("true")) {
            return true;
        } else if (v.equals("false")) {
            return false;
        }
        throw new OciRuntimeException("config.json: /annotations/" + CACHE_ANNOTATION + ": \"" + v
                + "\" is not allowed; allowed: true, false");
    }

    /** The tarball's format, or a one-line error when root.path is neither a directory nor a tarball. */
    public static ArchiveFormat formatOf(Path rootfs) {
        try {
            ArchiveFormat f = Files.isRegularFile(rootfs) ? ArchiveFormat.detect(rootfs) : null;
            if (f == null) {
                throw new OciRuntimeException("config.json: /root/path: " + rootfs + ": neither a directory nor a rootfs"
                        + " tarball; allowed: a directory, or a tar, tar.gz, tar.xz or tar.zst file (recognised by content)");
            }
            return f;
        } catch (IOException e) {
            throw new OciRuntimeException("config.json: /root/path: read " + rootfs + ": " + e.getMessage(), e);
        }
    }
}
