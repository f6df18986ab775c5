package dev.jrt.runtime.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.runtime.testsupport.TestBundle;
import dev.jrt.spec.model.LinuxIdMapping;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and special archives unpacked for real (root: owners, device nodes). Each case checks
 * that nothing outside the root changed: {@code outside} is a sibling of the root with a secret,
 * and the whole temporary tree outside the root is compared before and after.
 */
class TarUnpackerIT {
    @TempDir
    Path tmp;
    private Path root;
    private Path outside;

    @BeforeEach
    void setUp() throws IOException {
        TestBundle.assumeRootIntegration();
        root = Files.createDirectories(tmp.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "host data");
    }

    /** A crafted archive: each entry is {type, name, link-or-content}. */
    private static byte[] tar(Entry... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry t = e.type == TarArchiveEntry.LF_NORMAL ? new TarArchiveEntry(e.name)
                        : new TarArchiveEntry(e.name, e.type);
                t.setMode(e.mode);
                t.setUserId(e.uid);
                t.setGroupId(e.uid);
                if (e.type == TarArchiveEntry.LF_SYMLINK || e.type == TarArchiveEntry.LF_LINK) {
                    t.setLinkName(e.data);
                }
                byte[] content = e.type == TarArchiveEntry.LF_NORMAL ? e.data.getBytes(StandardCharsets.UTF_8) : new byte[0];
                if (e.type == TarArchiveEntry.LF_CHR) {
                    t.setDevMajor(1);
                    t.setDevMinor(3);
                }
                t.setSize(content.length);
                out.putArchiveEntry(t);
                out.write(content);
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private record Entry(byte type, String name, String data, int mode, long uid) {}

    private static Entry file(String name, String content) {
        return new Entry(TarArchiveEntry.LF_NORMAL, name, content, 0644, 0);
    }

    private static Entry file(String name, String content, int mode, long uid) {
        return new Entry(TarArchiveEntry.LF_NORMAL, name, content, mode, uid);
    }

    private static Entry dir(String name) {
        return new Entry(TarArchiveEntry.LF_DIR, name, null, 0755, 0);
    }

    private static Entry symlink(String name, String target) {
        return new Entry(TarArchiveEntry.LF_SYMLINK, name, target, 0777, 0);
    }

    private static Entry hardlink(String name, String target) {
        return new Entry(TarArchiveEntry.LF_LINK, name, target, 0644, 0);
    }

    private void unpack(byte[] tar) throws Exception {
        unpack(tar, IdTranslation.of(null, "/linux/uidMappings"), true);
    }

    private void unpack(byte[] tar, IdTranslation ids, boolean devices) throws Exception {
        new TarUnpacker(root, ids, ids, devices).unpack(new ByteArrayInputStream(tar));
    }

    /** Everything under tmp except the root: path to (type, content or link). */
    private Map<String, String> outsideSnapshot() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(tmp)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.startsWith(root)) {
                    continue;
                }
                String v = Files.isSymbolicLink(p) ? "link " + Files.readSymbolicLink(p)
                        : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : "file " + Files.readString(p);
                m.put(tmp.relativize(p).toString(), v);
            }
        }
        return m;
    }

    private UnpackException refused(byte[] tar) throws IOException {
        Map<String, String> before = outsideSnapshot();
        UnpackException e = assertThrows(UnpackException.class, () -> unpack(tar));
        assertEquals(before, outsideSnapshot(), "something outside the root changed");
        return e;
    }

    @Test
    void dotDotIsRefused() throws Exception {
        UnpackException e = refused(tar(file("a/../../outside/secret", "pwned")));
        assertTrue(e.getMessage().contains("'..'"), e.getMessage());
    }

    @Test
    void anAbsoluteNameLandsInsideTheRoot() throws Exception {
        Map<String, String> before = outsideSnapshot();
        unpack(tar(file(outside.resolve("secret").toString(), "pwned")));
        assertEquals(before, outsideSnapshot());
        assertEquals("pwned", Files.readString(root.resolve(outside.toString().substring(1)).resolve("secret")));
    }

    @Test
    void aParentMadeASymlinkByAnEarlierEntryIsRefused() throws Exception {
        UnpackException e = refused(tar(symlink("evil", outside.toString()), file("evil/secret", "pwned")));
        assertTrue(e.getMessage().contains("symlink"), e.getMessage());
        UnpackException rel = refused(tar(symlink("evil2", "../outside"), file("evil2/new", "pwned")));
        assertTrue(rel.getMessage().contains("symlink"), rel.getMessage());
    }

    @Test
    void aFileOverASymlinkReplacesTheLinkAndNeverWritesThroughIt() throws Exception {
        Map<String, String> before = outsideSnapshot();
        unpack(tar(symlink("s", outside.resolve("secret").toString()), file("s", "mine")));
        assertEquals(before, outsideSnapshot());
        assertFalse(Files.isSymbolicLink(root.resolve("s")));
        assertEquals("mine", Files.readString(root.resolve("s")));
    }

    @Test
    void symlinksAreStoredAsTheyAreAndNeverFollowed() throws Exception {
        Map<String, String> before = outsideSnapshot();
        unpack(tar(symlink("abs", outside.resolve("secret").toString()), symlink("rel", "../outside/secret")));
        assertEquals(before, outsideSnapshot());
        assertEquals(outside.resolve("secret"), Files.readSymbolicLink(root.resolve("abs")));
        assertEquals(Path.of("../outside/secret"), Files.readSymbolicLink(root.resolve("rel")));
        assertEquals(0, (int) Files.getAttribute(root.resolve("abs"), "unix:uid", LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void hardlinksToOutsideAreRefused() throws Exception {
        refused(tar(hardlink("h", "../outside/secret")));
        // an absolute target is a name inside the root, which the archive never made
        UnpackException e = refused(tar(hardlink("h2", outside.resolve("secret").toString())));
        assertTrue(e.getMessage().contains("not in the archive"), e.getMessage());
        // through a symlinked parent
        UnpackException p = refused(tar(symlink("up", outside.toString()), hardlink("h3", "up/secret")));
        assertTrue(p.getMessage().contains("symlink"), p.getMessage());
        assertEquals(1, (int) Files.getAttribute(outside.resolve("secret"), "unix:nlink"));
    }

    @Test
    void aHardlinkInsideTheRootSharesTheInode() throws Exception {
        unpack(tar(file("a", "x"), hardlink("b", "a")));
        assertEquals(Files.getAttribute(root.resolve("a"), "unix:ino"), Files.getAttribute(root.resolve("b"), "unix:ino"));
    }

    @Test
    void deviceNodesOnlyWhereAllowed() throws Exception {
        byte[] t = tar(new Entry(TarArchiveEntry.LF_CHR, "dev/null", null, 0666, 0));
        unpack(t);
        assertEquals(020000 | 0666, ((int) Files.getAttribute(root.resolve("dev/null"), "unix:mode")));
        assertEquals((1L << 8) | 3, (long) Files.getAttribute(root.resolve("dev/null"), "unix:rdev"));
        Files.delete(root.resolve("dev/null"));
        Map<String, String> before = outsideSnapshot();
        UnpackException e = assertThrows(UnpackException.class,
                () -> unpack(t, IdTranslation.of(null, "/linux/uidMappings"), false));
        assertTrue(e.getMessage().contains("device"), e.getMessage());
        assertFalse(Files.exists(root.resolve("dev/null"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(before, outsideSnapshot());
    }

    @Test
    void setIdBitsAreKeptAndOwnersAreMapped() throws Exception {
        IdTranslation map = IdTranslation.of(List.of(new LinuxIdMapping(0L, 100000L, 65536L)), "/linux/uidMappings");
        unpack(tar(file("bin/su", "x", 04755, 0), file("home/u/f", "y", 02750, 1000)), map, false);
        assertEquals(0104755, (int) Files.getAttribute(root.resolve("bin/su"), "unix:mode"));
        assertEquals(100000, (int) Files.getAttribute(root.resolve("bin/su"), "unix:uid"));
        assertEquals(0102750, (int) Files.getAttribute(root.resolve("home/u/f"), "unix:mode"));
        assertEquals(101000, (int) Files.getAttribute(root.resolve("home/u/f"), "unix:uid"));
        assertEquals(101000, (int) Files.getAttribute(root.resolve("home/u/f"), "unix:gid"));
        // a parent the archive did not list belongs to the container's root
        assertEquals(100000, (int) Files.getAttribute(root.resolve("home/u"), "unix:uid"));
        UnpackException e = assertThrows(UnpackException.class, () -> unpack(tar(file("x", "z", 0644, 70000)), map, false));
        assertTrue(e.getMessage().contains("70000") && e.getMessage().contains("/linux/uidMappings"), e.getMessage());
    }

    @Test
    void whiteoutsRemoveAndAreNotCreated() throws Exception {
        unpack(tar(file("a/f1", "1"), file("a/f2", "2"), file("a/.wh.f1", "")));
        assertFalse(Files.exists(root.resolve("a/f1")));
        assertFalse(Files.exists(root.resolve("a/.wh.f1")));
        assertTrue(Files.exists(root.resolve("a/f2")));
    }

    @Test
    void anOpaqueWhiteoutHidesWhatTheArchiveDidNotPutThere() throws Exception {
        Files.createDirectories(root.resolve("d/lower"));
        Files.writeString(root.resolve("d/old"), "lower layer");
        unpack(tar(file("d/new", "n"), file("d/.wh..wh..opq", "")));
        assertFalse(Files.exists(root.resolve("d/old")));
        assertFalse(Files.exists(root.resolve("d/lower")));
        assertFalse(Files.exists(root.resolve("d/.wh..wh..opq")));
        assertEquals("n", Files.readString(root.resolve("d/new")));
    }

    @Test
    void aWhiteoutCannotReachOutside() throws Exception {
        refused(tar(file("../.wh.outside", "")));
        refused(tar(symlink("up", outside.toString()), file("up/.wh.secret", "")));
        assertTrue(Files.exists(outside.resolve("secret")));
    }
}
