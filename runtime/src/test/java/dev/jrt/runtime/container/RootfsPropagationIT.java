package dev.jrt.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.api.CreateOptions;
import dev.jrt.runtime.api.RuntimeOptions;
import dev.jrt.runtime.log.LogSink;
import dev.jrt.runtime.testsupport.TestBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * linux.rootfsPropagation on real containers whose rootfs is a shared mount on the host: a slave
 * root receives the host's later mounts under the rootfs and sends none back; a private one gets
 * neither.
 */
class RootfsPropagationIT {
    @TempDir
    Path tmp;

    private Path bundle;
    private Path rootfs;
    private LinuxRuntime runtime;
    private boolean bound;
    private final ContainerId id = ContainerId.of("prop-" + ProcessHandle.current().pid());

    @BeforeEach
    void setUp() throws Exception {
        TestBundle.assumeRootIntegration();
        bundle = tmp.resolve("bundle");
        rootfs = TestBundle.create(bundle);
        Files.createDirectories(rootfs.resolve("hostmnt"));
        runtime = new LinuxRuntime(new RuntimeOptions(tmp.resolve("state"), Path.of(System.getProperty("jrt.init")),
                LogSink.NONE, false));
        sh("mount", "--bind", rootfs.toString(), rootfs.toString());
        bound = true;
        sh("mount", "--make-shared", rootfs.toString());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (runtime != null) {
            runtime.delete(id, true);
        }
        if (bound) {
            sh("umount", "-R", "-l", rootfs.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"slave", "rslave"})
    void aSlaveRootReceivesHostMountsAndSendsNoneBack(String propagation) throws Exception {
        String root = createThenMountOnHost(propagation, "sleep 60");
        assertTrue(root.contains(" master:"), "the container's / should be a slave: " + root);
        assertTrue(containerMountPoints().contains("/hostmnt"), "the host's mount under the rootfs did not reach the container");
        assertTrue(containerMountPoints().contains("/inner"), "the config's mount is missing");
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(rootfs.resolve("inner").toString()),
                "the config's mount in the container propagated to the host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"private", "rprivate"})
    void aPrivateRootReceivesNothing(String propagation) throws Exception {
        String root = createThenMountOnHost(propagation, "sleep 60");
        assertFalse(root.contains("master:") || root.contains("shared:"), "the container's / should be private: " + root);
        assertFalse(containerMountPoints().contains("/hostmnt"), "the host's mount reached a private root");
    }

    /** Creates and starts the container, then mounts a tmpfs at rootfs/hostmnt on the host; returns the container's root mount line. */
    private String createThenMountOnHost(String propagation, String script) throws Exception {
        Files.writeString(bundle.resolve("config.json"), TestBundle.config(script,
                "\"rootfsPropagation\": \"" + propagation + "\"").replace("\"mounts\": [",
                "\"mounts\": [{\"destination\": \"/inner\", \"type\": \"tmpfs\", \"source\": \"inner\"}, "));
        runtime.create(id, CreateOptions.of(bundle));
        runtime.start(id);
        sh("mount", "-t", "tmpfs", "-o", "size=1m", "fs-host", rootfs.resolve("hostmnt").toString());
        List<String> root = mountinfo().stream().filter(l -> l.split(" ")[4].equals("/")).toList();
        return root.get(root.size() - 1);
    }

    private List<String> containerMountPoints() throws IOException {
        return mountinfo().stream().map(l -> l.split(" ")[4]).toList();
    }

    private List<String> mountinfo() throws IOException {
        return Files.readAllLines(Path.of("/proc/" + runtime.state(id).pid() + "/mountinfo"));
    }

    private static void sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }
}
