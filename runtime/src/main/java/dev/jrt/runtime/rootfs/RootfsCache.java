package dev.jrt.runtime.rootfs;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.state.ContainerLock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * Unpacked rootfs tarballs, one per content: {@code CACHE/<key>/} where the key is the SHA-256 of
 * the archive's SHA-256 and of how it is unpacked (owner mappings, whether device nodes are made).
 * A tree is unpacked into a private temporary directory and renamed into place, so a reader never
 * sees half a tree and two creates racing on one archive both end up on one copy. Trees are shared
 * read-only (the lower layer of each container's overlay) and never change once in place. A tree
 * may be no larger than the container's rootfs size, so a hostile archive cannot fill the host's
 * disk. The cache is bounded ({@link CacheLimit}, {@link CacheEvictor}): taking a tree, recording
 * that this container uses it, and evicting happen under the lock {@code CACHE/.lock}, so that no
 * jrt process evicts a tree another has just found; unpacking and deleting happen outside it.
 */
final class RootfsCache {
    private final Path dir;
    private final Path stateDir;
    private final long maxBytes;
    private final CacheEvictor evictor;
    private String lastEntry = "";

    /** {@code stateDir}: the container's state directory, which records the tree it uses. */
    RootfsCache(Path dir, Path stateDir, long maxBytes) {
        this.dir = dir;
        this.stateDir = stateDir;
        this.maxBytes = maxBytes;
        this.evictor = new CacheEvictor(dir, stateDir.getParent());
    }

    /** The unpacked tree for this archive and unpacking, unpacking it first if it is not cached. */
    Path tree(Path archive, ArchiveFormat format, IdTranslation uids, IdTranslation gids, boolean devices, long maxTreeBytes)
            throws IOException, UnpackException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        String key = key(archive, uids, gids, devices);
        Path tree = dir.resolve(key);
        try (ContainerLock lock = lock()) {
            if (Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
                use(key, -1);
                return tree;
            }
        }
        Path tmp = Files.createTempDirectory(dir, ".unpack-");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        TarUnpacker unpacker = new TarUnpacker(tmp, uids, gids, devices, maxTreeBytes);
        try {
            try (InputStream in = format.open(archive)) {
                unpacker.unpack(in);
            }
            try (ContainerLock lock = lock()) {
                try {
                    Files.move(tmp, tree, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                    if (!Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
                        throw e;
                    }
                    TarUnpacker.removeAll(tmp); // another create unpacked the same archive first
                }
                use(key, unpacker.bytes());
                evictor.evict(maxBytes);
            }
            evictor.removeTrash();
            return tree;
        } catch (IOException | UnpackException | RuntimeException e) {
            try {
                TarUnpacker.removeAll(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            lastEntry = unpacker.currentEntry();
        }
    }

    /** Records that the container uses the tree and when; a new tree's stamp also gets its size. */
    private void use(String key, long newTreeBytes) throws IOException {
        Path stamp = dir.resolve(key + CacheEvictor.STAMP);
        if (newTreeBytes >= 0 && !Files.exists(stamp)) {
            Files.writeString(stamp, Long.toString(newTreeBytes));
        } else if (Files.exists(stamp)) {
            Files.setLastModifiedTime(stamp, FileTime.from(Instant.now()));
        }
        Files.writeString(stateDir.resolve(CacheEvictor.REFERENCE), key);
    }

    private ContainerLock lock() {
        return ContainerLock.acquire(dir.resolve(".lock"));
    }

    String lastEntry() {
        return lastEntry;
    }

    private String key(Path archive, IdTranslation uids, IdTranslation gids, boolean devices) throws IOException {
        String how = "v1 uids=" + uids.mappings() + " gids=" + gids.mappings() + " devices=" + devices;
        return sha256(contentDigest(archive) + "\n" + how);
    }

    /**
     * The archive's SHA-256, remembered in {@code CACHE/index/<dev>-<inode>} with the file's size,
     * mtime and ctime so that a warm start does not read 100 MB again: any write to the file changes
     * its ctime, which no caller can set.
     */
    private String contentDigest(Path archive) throws IOException {
        Map<String, Object> a = Files.readAttributes(archive, "unix:dev,ino,size,lastModifiedTime,ctime");
        String stamp = a.get("size") + " " + a.get("lastModifiedTime") + " " + a.get("ctime");
        Path index = dir.resolve("index").resolve(a.get("dev") + "-" + a.get("ino"));
        try {
            String[] memo = Files.readString(index).split("\n");
            if (memo.length == 2 && memo[0].equals(stamp) && memo[1].matches("[0-9a-f]{64}")) {
                return memo[1];
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // not seen before
        }
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(archive)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        Files.createDirectories(index.getParent());
        Path tmp = Files.createTempFile(index.getParent(), ".memo-", "");
        Files.writeString(tmp, stamp + "\n" + digest);
        Files.move(tmp, index, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return digest;
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new OciRuntimeException("SHA-256 is not available", e);
        }
    }
}
