package dev.jrt.runtime.rootfs;

import dev.jrt.runtime.sys.FileNodes;
import dev.jrt.runtime.sys.SyscallException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a hostile tar stream into an empty directory that nothing else writes to (a fresh
 * tmpfs). Every entry lands inside the root: names are relative (a leading "/" is dropped, as tar
 * does), ".." is refused, a parent that is a symlink is refused, nothing is ever created or
 * opened through a symlink (links are stored as they are and never followed), hardlinks must
 * name an entry already inside the root. Owners go through the container's id mappings; modes
 * keep set-id and sticky bits; device nodes only when allowed. OCI layer whiteouts: ".wh.NAME"
 * removes NAME, ".wh..wh..opq" removes what the directory held that this archive did not put there.
 */
final class TarUnpacker {
    static final String WHITEOUT = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";

    private final Path root;
    private final IdTranslation uids;
    private final IdTranslation gids;
    private final boolean devicesAllowed;
    private final long maxBytes;
    /** file contents plus a block per entry: what the tree costs, checked against maxBytes */
    private long bytes;
    /** directories known to be real directories (never symlinks) under root, as relative names */
    private final Set<String> verifiedDirs = new HashSet<>();
    private final Set<String> unpacked = new HashSet<>();
    private final List<Object[]> dirTimes = new ArrayList<>();
    private String entry = "";

    TarUnpacker(Path root, IdTranslation uids, IdTranslation gids, boolean devicesAllowed) {
        this(root, uids, gids, devicesAllowed, Long.MAX_VALUE);
    }

    /** {@code maxBytes} bounds the unpacked tree (contents and a block per entry) wherever it is written. */
    TarUnpacker(Path root, IdTranslation uids, IdTranslation gids, boolean devicesAllowed, long maxBytes) {
        this.root = root;
        this.uids = uids;
        this.gids = gids;
        this.devicesAllowed = devicesAllowed;
        this.maxBytes = maxBytes;
    }

    /** The bytes the tree takes as the limit counts them: contents and a block per entry. */
    long bytes() {
        return bytes;
    }

    /** The name of the entry being unpacked (or last unpacked), for error messages. */
    String currentEntry() {
        return entry;
    }

    void unpack(InputStream tarStream) throws IOException, UnpackException {
        TarArchiveInputStream tar = new TarArchiveInputStream(tarStream);
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            entry = e.getName();
            bytes += 4096 + (e.isFile() ? Math.max(0, e.getSize()) : 0);
            if (bytes > maxBytes) {
                throw new UnpackException("the unpacked tree would exceed " + maxBytes + " bytes", true);
            }
            one(e, tar);
        }
        for (int i = dirTimes.size() - 1; i >= 0; i--) {
            setTime((Path) dirTimes.get(i)[0], (FileTime) dirTimes.get(i)[1]);
        }
    }

    private void one(TarArchiveEntry e, InputStream data) throws IOException, UnpackException {
        String name = normalize(e.getName());
        String base = name.substring(name.lastIndexOf('/') + 1);
        String parent = name.contains("/") ? name.substring(0, name.lastIndexOf('/')) : "";
        if (name.isEmpty()) { // the root itself: only its metadata
            metadata(e, root, "");
            return;
        }
        Path parentPath = parentDir(parent);
        if (base.equals(OPAQUE)) {
            opaque(parent, parentPath);
            return;
        }
        if (base.startsWith(WHITEOUT)) {
            String hidden = base.substring(WHITEOUT.length());
            if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
                throw new UnpackException("whiteout names no file");
            }
            removeTree(parentPath.resolve(hidden));
            return;
        }
        Path p = parentPath.resolve(base);
        BasicFileAttributes existing = attrs(p);
        if (existing != null && !(existing.isDirectory() && e.isDirectory())) {
            removeTree(p);
        }
        if (e.isDirectory()) {
            if (existing == null || !existing.isDirectory()) {
                Files.createDirectory(p);
            }
            verifiedDirs.add(name);
        } else if (e.isSymbolicLink()) {
            Files.createSymbolicLink(p, Path.of(e.getLinkName()));
        } else if (e.isLink()) {
            hardlink(p, e.getLinkName());
            unpacked.add(name);
            return; // the same inode: its metadata is the target's
        } else if (e.isCharacterDevice() || e.isBlockDevice()) {
            if (!devicesAllowed) {
                throw new UnpackException("device nodes are unpacked only for a container without a user namespace");
            }
            FileNodes.mknod(p.toString(), (e.isCharacterDevice() ? FileNodes.S_IFCHR : FileNodes.S_IFBLK) | 0600,
                    e.getDevMajor(), e.getDevMinor());
        } else if (e.isFIFO()) {
            FileNodes.mknod(p.toString(), FileNodes.S_IFIFO | 0600, 0, 0);
        } else if (e.isFile()) {
            Files.copy(data, p); // CREATE_NEW: O_EXCL never follows a symlink
        } else {
            throw new UnpackException("unsupported entry type (" + (e.isGNUSparse() ? "sparse file" : "unknown") + ")");
        }
        unpacked.add(name);
        metadata(e, p, name);
    }

    /** The entry's name relative to the root, without "." components; ".." is refused. */
    static String normalize(String raw) throws UnpackException {
        if (raw.indexOf('\0') >= 0) {
            throw new UnpackException("a name with a NUL byte");
        }
        List<String> parts = new ArrayList<>();
        for (String c : raw.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                throw new UnpackException("'..' in the name would lead outside the root");
            }
            parts.add(c);
        }
        return String.join("/", parts);
    }

    /** The parent directory, created as needed; every component must be a real directory. */
    private Path parentDir(String parent) throws IOException, UnpackException {
        Path p = root;
        StringBuilder rel = new StringBuilder();
        for (String c : parent.isEmpty() ? new String[0] : parent.split("/")) {
            p = p.resolve(c);
            rel.append(rel.length() == 0 ? "" : "/").append(c);
            String r = rel.toString();
            if (verifiedDirs.contains(r)) {
                continue;
            }
            BasicFileAttributes a = attrs(p);
            if (a == null) {
                Files.createDirectory(p);
                FileNodes.lchown(p.toString(), (int) host(uids, 0), (int) host(gids, 0));
                FileNodes.chmod(p.toString(), 0755);
            } else if (a.isSymbolicLink()) {
                throw new UnpackException("its parent " + r + " is a symlink, which is never followed while unpacking");
            } else if (!a.isDirectory()) {
                throw new UnpackException("its parent " + r + " is not a directory");
            }
            verifiedDirs.add(r);
        }
        return p;
    }

    private void hardlink(Path p, String target) throws IOException, UnpackException {
        String t = normalize(target);
        if (t.isEmpty()) {
            throw new UnpackException("hardlink to the root");
        }
        String tparent = t.contains("/") ? t.substring(0, t.lastIndexOf('/')) : "";
        Path tp = parentDir(tparent).resolve(t.substring(t.lastIndexOf('/') + 1));
        BasicFileAttributes a = attrs(tp);
        if (a == null) {
            throw new UnpackException("hardlink to " + target + ", which is not in the archive before it");
        }
        if (a.isDirectory()) {
            throw new UnpackException("hardlink to the directory " + target);
        }
        Files.createLink(p, tp); // link(2) does not follow a symlink target
    }

    private void opaque(String dir, Path dirPath) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dirPath)) {
            for (Path child : children) {
                String rel = (dir.isEmpty() ? "" : dir + "/") + child.getFileName();
                if (!unpacked.contains(rel)) {
                    removeTree(child);
                }
            }
        }
    }

    private void metadata(TarArchiveEntry e, Path p, String name) throws UnpackException, IOException {
        long uid = host(uids, e.getLongUserId());
        long gid = host(gids, e.getLongGroupId());
        FileNodes.lchown(p.toString(), (int) uid, (int) gid);
        if (!e.isSymbolicLink()) {
            FileNodes.chmod(p.toString(), e.getMode() & 07777); // after chown, which clears set-id bits
        }
        FileTime mtime = FileTime.from(e.getLastModifiedTime().toInstant());
        if (e.isDirectory() || name.isEmpty()) {
            dirTimes.add(new Object[] {p, mtime});
        } else {
            setTime(p, mtime);
        }
    }

    private static void setTime(Path p, FileTime t) throws IOException {
        Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(t, null, null);
    }

    private long host(IdTranslation ids, long id) throws UnpackException {
        long h = ids.toHost(id);
        if (h < 0) {
            throw new UnpackException("owner id " + id + " is not mapped by " + ids.field());
        }
        return h;
    }

    private static BasicFileAttributes attrs(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private void removeTree(Path p) throws IOException {
        if (attrs(p) == null) {
            return;
        }
        verifiedDirs.clear(); // a replaced directory may come back as a symlink
        removeAll(p);
    }

    /** Removes a file or a whole tree without following any symlink; a missing path is fine. */
    static void removeAll(Path p) throws IOException {
        if (attrs(p) == null) {
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException ex) throws IOException {
                if (ex != null) {
                    throw ex;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A FileSystemException's reason, or the message, for one-line errors. */
    static String reason(Exception e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof SyscallException s) {
            return s.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
