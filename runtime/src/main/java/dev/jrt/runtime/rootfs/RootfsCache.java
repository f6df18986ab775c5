package dev.jrt.runtime.rootfs;

import dev.jrt.runtime.api.OciRuntimeException;
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
import java.util.HexFormat;

/**
 * Unpacked rootfs tarballs, one per content: {@code CACHE/<key>/} where the key is the SHA-256 of
 * the archive's bytes and of how it is unpacked (owner mappings, whether device nodes are made).
 * A tree is unpacked into a private temporary directory and renamed into place, so a reader never
 * sees half a tree and two creates racing on one archive both end up on one copy. Trees are shared
 * read-only (the lower layer of each container's overlay) and never change once in place. No
 * eviction: remove the directory to reclaim the space.
 */
final class RootfsCache {
    private final Path dir;
    private String lastEntry = "";

    RootfsCache(Path dir) {
        this.dir = dir;
    }

    /** The unpacked tree for this archive and unpacking, unpacking it first if it is not cached. */
    Path tree(Path archive, ArchiveFormat format, IdTranslation uids, IdTranslation gids, boolean devices)
            throws IOException, UnpackException {
        String key = key(archive, uids, gids, devices);
        Path tree = dir.resolve(key);
        if (Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
            return tree;
        }
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path tmp = Files.createTempDirectory(dir, ".unpack-");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        TarUnpacker unpacker = new TarUnpacker(tmp, uids, gids, devices);
        try {
            try (InputStream in = format.open(archive)) {
                unpacker.unpack(in);
            }
            try {
                Files.move(tmp, tree, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                if (!Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
                    throw e;
                }
                TarUnpacker.removeAll(tmp); // another create unpacked the same archive first
            }
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

    String lastEntry() {
        return lastEntry;
    }

    private static String key(Path archive, IdTranslation uids, IdTranslation gids, boolean devices) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(archive)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                }
            }
            String how = "v1 uids=" + uids.mappings() + " gids=" + gids.mappings() + " devices=" + devices;
            sha.update(how.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new OciRuntimeException("SHA-256 is not available", e);
        }
    }
}
