package dev.jrt.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.api.ContainerStatus;
import dev.jrt.runtime.api.CreateOptions;
import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.api.RuntimeOptions;
import dev.jrt.runtime.log.LogSink;
import dev.jrt.runtime.testsupport.TestBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * root.path naming a rootfs tarball, on real containers (root only): every compression runs, the
 * tmpfs is the container's root and is never in the host's mount table, and a broken or too big
 * archive fails create leaving nothing behind.
 */
class TarballRootfsIT {
    @TempDir
    Path tmp;

    private Path bundle;
    private Path rootfsDir;
    private Path out;
    private Path stateRoot;
    private LinuxRuntime runtime;
    private final ContainerId id = ContainerId.of("tar-" + ProcessHandle.current().pid());

    @BeforeEach
    void setUp() throws IOException {
        TestBundle.assumeRootIntegration();
        bundle = tmp.resolve("bundle");
        rootfsDir = TestBundle.create(bundle);
        Files.writeString(rootfsDir.resolve("etc/from-tarball"), "packed\n");
        out = Files.createDirectories(tmp.resolve("out"));
        stateRoot = tmp.resolve("state");
        tmp.toFile().setExecutable(true, false);
        bundle.toFile().setExecutable(true, false);
        out.toFile().setWritable(true, false);
        runtime = new LinuxRuntime(new RuntimeOptions(stateRoot, Path.of(System.getProperty("jrt.init")), LogSink.NONE, false));
    }

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.delete(id, true);
        }
    }

    private static void sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + text);
    }

    /** The test rootfs packed under a name that says nothing of its format (detection is by content). */
    private Path tarball(String compression) throws Exception {
        Path tar = tmp.resolve("rootfs.tar");
        if (!Files.exists(tar)) {
            sh("tar", "--numeric-owner", "-C", rootfsDir.toString(), "-cf", tar.toString(), ".");
        }
        Path img = bundle.resolve("rootfs.img");
        switch (compression) {
            case "tar" -> Files.copy(tar, img);
            case "gz" -> sh("sh", "-c", "gzip -c " + tar + " > " + img);
            case "xz" -> sh("sh", "-c", "xz -T1 -c " + tar + " > " + img);
            case "zst" -> sh("sh", "-c", "zstd -q -c " + tar + " > " + img);
            default -> throw new IllegalArgumentException(compression);
        }
        return img;
    }

    private void config(String rootPath, String script, String annotations, String extraLinux) throws IOException {
        String json = TestBundle.config(script, extraLinux)
                .replace("\"root\": {\"path\": \"rootfs\"}", "\"root\": {\"path\": \"" + rootPath + "\"}"
                        + (annotations == null ? "" : ", \"annotations\": {" + annotations + "}"))
                .replace("\"mounts\": [", "\"mounts\": [{\"destination\": \"/out\", \"type\": \"bind\", \"source\": \""
                        + out + "\", \"options\": [\"rbind\"]}, ");
        Files.writeString(bundle.resolve("config.json"), json);
    }

    private String result(String name) throws IOException {
        return Files.readString(out.resolve(name)).trim();
    }

    /** Lines of the host's mount table that mention this test's files. */
    private List<String> hostMountsOfTest() throws IOException {
        List<String> found = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            if (line.contains(tmp.toString()) || line.contains(id.value())) {
                found.add(line);
            }
        }
        return found;
    }

    private void assertNothingLeft() throws IOException {
        assertFalse(Files.exists(stateRoot.resolve(id.value())), "state directory left behind");
        assertEquals(List.of(), hostMountsOfTest(), "a mount was left in the host's namespace");
        Path cache = stateRoot.resolveSibling("state.cache");
        if (Files.exists(cache)) {
            try (var s = Files.list(cache)) {
                assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".unpack-")
                                || p.getFileName().toString().startsWith(".trash-")).toList(),
                        "a half-unpacked or evicted tree was left in the cache");
            }
        }
    }

    @ParameterizedTest(name = "{0} cache={1}")
    @CsvSource({"tar,true,overlay", "gz,true,overlay", "xz,true,overlay", "zst,true,overlay",
            "tar,false,tmpfs", "gz,false,tmpfs", "xz,false,tmpfs", "zst,false,tmpfs"})
    void aTarballInEachCompressionIsTheContainersRoot(String compression, String cache, String fstype) throws Exception {
        tarball(compression);
        config("rootfs.img", "cat /etc/from-tarball > /out/content; echo new > /tmp/w && cat /tmp/w > /out/written;"
                + " grep ' / / ' /proc/self/mountinfo > /out/root", "\"dev.jrt.rootfs.cache\": \"" + cache + "\"", null);
        runtime.create(id, CreateOptions.of(bundle));
        int pid = runtime.state(id).pid();
        assertEquals(List.of(), hostMountsOfTest(), "the tmpfs is in the host's mount table after create");
        assertTrue(Files.readString(Path.of("/proc/" + pid + "/mountinfo")).lines()
                .anyMatch(l -> l.contains(" / / ") && l.contains(" - " + fstype + " ")), "the container's root is not " + fstype);
        runtime.start(id);
        for (int i = 0; i < 500 && runtime.state(id).status() != ContainerStatus.STOPPED; i++) {
            Thread.sleep(10);
        }
        assertEquals("packed", result("content"));
        assertEquals("new", result("written"));
        assertTrue(result("root").contains(" - " + fstype + " "), result("root"));
        assertFalse(Files.exists(rootfsDir.resolve("tmp/w")), "a write reached the directory the tarball was made from");
        runtime.delete(id, true);
        assertNothingLeft();
    }

    @Test
    void ownersAreMappedIntoAUserNamespace() throws Exception {
        tarball("gz");
        config("rootfs.img", "stat -c %u:%g /etc/from-tarball > /out/owner; id -u > /out/uid; touch /w && echo ok > /out/w",
                null, "\"uidMappings\": [{\"containerID\": 0, \"hostID\": 100000, \"size\": 65536}],"
                        + " \"gidMappings\": [{\"containerID\": 0, \"hostID\": 100000, \"size\": 65536}]");
        String json = Files.readString(bundle.resolve("config.json"))
                .replace("{\"type\": \"pid\"}", "{\"type\": \"pid\"}, {\"type\": \"user\"}");
        Files.writeString(bundle.resolve("config.json"), json);
        assertEquals(0, runtime.run(id, CreateOptions.of(bundle), false));
        assertEquals("0:0", result("owner"));
        assertEquals("0", result("uid"));
        assertEquals("ok", result("w"), "the container's root cannot write its own root directory");
        assertNothingLeft();
    }

    @Test
    void aSharedRootPropagationStillLeavesNoMountOnTheHost() throws Exception {
        tarball("tar");
        config("rootfs.img", "true", null, "\"rootfsPropagation\": \"rshared\"");
        // this test's files on a shared mount: a container mount there could propagate to the host
        sh("mount", "--bind", tmp.toString(), tmp.toString());
        try {
            sh("mount", "--make-shared", tmp.toString());
            runtime.create(id, CreateOptions.of(bundle));
            assertEquals(List.of(), hostMountsOfTest().stream().filter(l -> !l.split(" ")[4].equals(tmp.toString())).toList(),
                    "the tmpfs or overlay propagated into the host's mount table");
            runtime.delete(id, true);
        } finally {
            sh("umount", "-l", tmp.toString());
        }
        assertNothingLeft();
    }

    @Test
    void aReadonlyRootFromATarballRejectsWrites() throws Exception {
        tarball("gz");
        config("rootfs.img", "if touch /etc/new 2>/dev/null; then echo wrote > /out/r; else echo refused > /out/r; fi", null, null);
        String json = Files.readString(bundle.resolve("config.json"))
                .replace("\"path\": \"rootfs.img\"}", "\"path\": \"rootfs.img\", \"readonly\": true}");
        Files.writeString(bundle.resolve("config.json"), json);
        assertEquals(0, runtime.run(id, CreateOptions.of(bundle), false));
        assertEquals("refused", result("r"));
        assertNothingLeft();
    }

    @Test
    void noPivotWorksWithATarball() throws Exception {
        tarball("xz");
        config("rootfs.img", "cat /etc/from-tarball > /out/content", null, null);
        CreateOptions o = CreateOptions.of(bundle);
        o = new CreateOptions(o.bundle(), o.consoleSocket(), o.pidFile(), true, o.noNewKeyring(), o.preserveFds());
        assertEquals(0, runtime.run(id, o, false));
        assertEquals("packed", result("content"));
        assertNothingLeft();
    }

    @Test
    void theCacheIsUnpackedOnceAndEachContainerWritesItsOwnLayer() throws Exception {
        tarball("zst");
        config("rootfs.img", "cat /etc/from-tarball >> /out/seen; echo mine > /etc/from-tarball; echo x > /new", null, null);
        assertEquals(0, runtime.run(id, CreateOptions.of(bundle), false));
        assertEquals(0, runtime.run(id, CreateOptions.of(bundle), false));
        assertEquals("packed\npacked", result("seen"), "a container saw another one's writes");
        Path cache = stateRoot.resolveSibling("state.cache");
        List<Path> trees;
        try (var s = Files.list(cache)) {
            trees = s.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}")).toList();
        }
        assertEquals(1, trees.size(), "one tree per archive: " + trees);
        assertEquals("packed\n", Files.readString(trees.get(0).resolve("etc/from-tarball")), "a container wrote into the cache");
        assertFalse(Files.exists(trees.get(0).resolve("new")));
        assertNothingLeft();
    }

    @Test
    void theWritableLayerIsLimitedByTheSizeAnnotation() throws Exception {
        tarball("tar");
        config("rootfs.img", "if /bin/busybox dd if=/dev/zero of=/big bs=1024 count=4096 2>/dev/null; then echo wrote > /out/r;"
                + " else echo full > /out/r; fi", "\"dev.jrt.rootfs.size\": \"3m\"", null);
        assertEquals(0, runtime.run(id, CreateOptions.of(bundle), false));
        assertEquals("full", result("r"));
        assertNothingLeft();
    }

    @Test
    void aTruncatedArchiveFailsCreateAndLeavesNothing() throws Exception {
        Path img = tarball("gz");
        byte[] all = Files.readAllBytes(img);
        Files.write(img, java.util.Arrays.copyOf(all, all.length / 2));
        config("rootfs.img", "true", null, null);
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> runtime.create(id, CreateOptions.of(bundle)));
        assertTrue(e.getMessage().startsWith("config.json: /root/path: ") && e.getMessage().contains("corrupt or truncated"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertNothingLeft();
    }

    @Test
    void aFullTmpfsNamesTheEntryAndTheAnnotation() throws Exception {
        tarball("tar"); // busybox alone is about 2 MB
        config("rootfs.img", "true", "\"dev.jrt.rootfs.size\": \"1m\", \"dev.jrt.rootfs.cache\": \"false\"", null);
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> runtime.create(id, CreateOptions.of(bundle)));
        assertTrue(e.getMessage().contains("bin/busybox") && e.getMessage().contains("dev.jrt.rootfs.size")
                && e.getMessage().contains("full"), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void aTreeLargerThanTheSizeIsNotCachedEither() throws Exception {
        tarball("gz");
        config("rootfs.img", "true", "\"dev.jrt.rootfs.size\": \"1m\"", null);
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> runtime.create(id, CreateOptions.of(bundle)));
        assertTrue(e.getMessage().contains("bin/busybox") && e.getMessage().contains("dev.jrt.rootfs.size")
                && e.getMessage().contains("exceed"), e.getMessage());
        try (var s = Files.list(stateRoot.resolveSibling("state.cache"))) {
            assertEquals(List.of(), s.filter(p -> !List.of("index", ".lock").contains(p.getFileName().toString())).toList());
        }
        assertNothingLeft();
    }

    @Test
    void aBadSizeAnnotationIsRefused() throws Exception {
        tarball("tar");
        config("rootfs.img", "true", "\"dev.jrt.rootfs.size\": \"lots\"", null);
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> runtime.create(id, CreateOptions.of(bundle)));
        assertTrue(e.getMessage().startsWith("config.json: /annotations/dev.jrt.rootfs.size: \"lots\""), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void aFileThatIsNoTarballIsRefused() throws Exception {
        Files.writeString(bundle.resolve("rootfs.img"), "not an archive");
        config("rootfs.img", "true", null, null);
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> runtime.create(id, CreateOptions.of(bundle)));
        assertTrue(e.getMessage().startsWith("config.json: /root/path: ") && e.getMessage().contains("neither a directory"),
                e.getMessage());
        assertNothingLeft();
    }
}
