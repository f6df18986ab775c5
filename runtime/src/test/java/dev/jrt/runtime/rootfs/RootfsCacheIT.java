package dev.jrt.runtime.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.api.CreateOptions;
import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.api.RuntimeOptions;
import dev.jrt.runtime.container.LinuxRuntime;
import dev.jrt.runtime.log.LogSink;
import dev.jrt.runtime.testsupport.TestBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rootfs cache's bound on real tarballs (root only): least recently used trees that no
 * container uses are evicted first, a tree a live container uses never is, and concurrent creates
 * keep what they took.
 */
class RootfsCacheIT {
    private static final IdTranslation IDENTITY = IdTranslation.of(null, "/linux/uidMappings");
    private static final long KIB = 1024;

    @TempDir
    Path tmp;

    private Path stateRoot;
    private Path cache;

    @BeforeEach
    void setUp() throws Exception {
        TestBundle.assumeRootIntegration();
        stateRoot = Files.createDirectories(tmp.resolve("state"));
        cache = tmp.resolve("state.cache");
    }

    /** A tarball of a directory with one file of {@code kib} KiB, distinct per name. */
    private Path tarball(String name, int kib) throws Exception {
        Path tar = tmp.resolve(name + ".tar.gz");
        if (Files.exists(tar)) {
            return tar;
        }
        Path dir = Files.createDirectories(tmp.resolve("src-" + name + "/etc"));
        Files.write(dir.resolve("payload"), new byte[(int) (kib * KIB)]);
        Files.writeString(dir.resolve("name"), name + "\n");
        sh("tar", "--numeric-owner", "-C", dir.getParent().toString(), "-czf", tar.toString(), ".");
        return tar;
    }

    /** Unpacks through the cache as container {@code container} of the state root would. */
    private Path take(Path tarball, String container, long maxBytes) throws Exception {
        Path stateDir = Files.createDirectories(stateRoot.resolve(container));
        return new RootfsCache(cache, stateDir, maxBytes)
                .tree(tarball, ArchiveFormat.detect(tarball), IDENTITY, IDENTITY, true, 1L << 30);
    }

    private List<String> trees() throws Exception {
        try (Stream<Path> s = Files.list(cache)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9a-f]{64}")).sorted().toList();
        }
    }

    private void deleted(String container) throws Exception {
        TarUnpacker.removeAll(stateRoot.resolve(container));
    }

    @Test
    void theLeastRecentlyUsedUnusedTreeGoesFirst() throws Exception {
        Path a = take(tarball("a", 300), "ca", 1L << 30);
        Path b = take(tarball("b", 300), "cb", 1L << 30);
        deleted("ca");
        deleted("cb");
        Files.setLastModifiedTime(cache.resolve(a.getFileName() + ".use"), FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(cache.resolve(b.getFileName() + ".use"), FileTime.fromMillis(2_000_000));
        assertEquals(a, take(tarball("a", 300), "ca2", 1L << 30), "a warm take is the same tree");
        deleted("ca2"); // a is now the most recently used, b the least

        Path c = take(tarball("c", 300), "cc", 700 * KIB); // room for two of the three
        assertTrue(Files.isDirectory(a), "the recently used tree was evicted");
        assertFalse(Files.exists(b), "the least recently used tree is still there");
        assertFalse(Files.exists(cache.resolve(b.getFileName() + ".use")), "the evicted tree's stamp is left");
        assertTrue(Files.isDirectory(c));
        assertEquals(List.of(a.getFileName().toString(), c.getFileName().toString()).stream().sorted().toList(), trees());
        try (Stream<Path> s = Files.list(cache)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".trash-")).toList(),
                    "evicted trees are deleted, not left in the trash");
        }
    }

    @Test
    void underTheBoundNothingIsEvicted() throws Exception {
        Path a = take(tarball("a", 100), "ca", 1L << 30);
        deleted("ca");
        Path b = take(tarball("b", 100), "cb", 1L << 30);
        assertTrue(Files.isDirectory(a) && Files.isDirectory(b));
    }

    @Test
    void aTreeALiveContainerUsesIsNeverEvicted() throws Exception {
        Path bundle = tmp.resolve("bundle");
        Path dir = TestBundle.create(bundle);
        Files.writeString(dir.resolve("etc/from-tarball"), "packed\n");
        Path tarball = bundle.resolve("rootfs.img");
        sh("tar", "--numeric-owner", "-C", dir.toString(), "-cf", tarball.toString(), ".");
        Files.writeString(bundle.resolve("config.json"), TestBundle.config("sleep 60", null)
                .replace("\"path\": \"rootfs\"", "\"path\": \"rootfs.img\""));
        tmp.toFile().setExecutable(true, false);
        bundle.toFile().setExecutable(true, false);
        LinuxRuntime runtime = new LinuxRuntime(new RuntimeOptions(stateRoot, Path.of(System.getProperty("jrt.init")),
                LogSink.NONE, false));
        ContainerId id = ContainerId.of("cache-" + ProcessHandle.current().pid());
        try {
            runtime.create(id, CreateOptions.of(bundle));
            String used = Files.readString(stateRoot.resolve(id.value()).resolve(CacheEvictor.REFERENCE)).trim();
            Path usedTree = cache.resolve(used);
            assertTrue(Files.isDirectory(usedTree), "the container's tree is not in the cache");

            take(tarball("other", 100), "co", 0); // a bound of 0 keeps only trees in use
            assertTrue(Files.isDirectory(usedTree), "the live container's tree was evicted");
            assertEquals("packed", Files.readString(Path.of("/proc/" + runtime.state(id).pid() + "/root/etc/from-tarball")).trim());

            runtime.delete(id, true);
            deleted("co");
            Path third = take(tarball("third", 100), "c3", 0);
            assertFalse(Files.exists(usedTree), "a deleted container's tree outlived a bound of 0");
            assertEquals(List.of(third.getFileName().toString()), trees(), "only the tree in use is kept");
        } finally {
            runtime.delete(id, true);
        }
    }

    @Test
    void concurrentCreatesKeepWhatTheyTook() throws Exception {
        List<Path> tarballs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tarballs.add(tarball("p" + i, 200));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> taken = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                taken.add(pool.submit(() -> take(tarballs.get(n), "p" + n, 0)));
            }
            for (Future<Path> f : taken) {
                Path tree = f.get();
                assertTrue(Files.isRegularFile(tree.resolve("etc/payload")), "a tree in use was evicted: " + tree);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(4, trees().size());
    }

    @Test
    void theLimitComesFromTheEnvironmentOrTheFilesystem() throws Exception {
        assertEquals(512L << 20, CacheLimit.of("512m", cache));
        assertEquals(0, CacheLimit.of("0", cache));
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> CacheLimit.of("lots", cache));
        assertEquals("environment JRT_ROOTFS_CACHE_MAX: \"lots\" is not a size; allowed: a number of bytes,"
                + " optionally with k, m or g (e.g. 512m)", e.getMessage());
        long quarter = Files.getFileStore(tmp).getTotalSpace() / 4;
        assertEquals(Math.min(4L << 30, quarter), CacheLimit.of(null, cache), "default: 4 GiB or a quarter of the filesystem");
    }

    private static void sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }
}
