package dev.jrt.runtime.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** A busybox bundle in a temporary directory, for tests that run real containers as root. */
public final class TestBundle {
    private static final String[] APPLETS = {
        "sh", "echo", "cat", "ls", "id", "hostname", "sleep", "readlink", "stat", "true", "false", "touch", "mkdir"
    };

    private TestBundle() {}

    /** Skips the test unless -Djrt.it=true and we are root (the Makefile sets it as root). */
    public static void assumeRootIntegration() {
        Assumptions.assumeTrue("true".equals(System.getProperty("jrt.it")), "integration tests need -Djrt.it=true");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "integration tests need root");
    }

    /** bundle/rootfs with busybox and its applets, plus a world-writable /out for results. */
    public static Path create(Path bundle) throws IOException {
        Path root = Files.createDirectories(bundle.resolve("rootfs"));
        for (String d : new String[] {"bin", "proc", "dev", "sys", "tmp", "etc", "out"}) {
            Files.createDirectories(root.resolve(d));
        }
        Files.copy(Path.of("/bin/busybox"), root.resolve("bin/busybox"), StandardCopyOption.COPY_ATTRIBUTES);
        for (String applet : APPLETS) {
            Files.createSymbolicLink(root.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        root.resolve("out").toFile().setWritable(true, false);
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\nnobody:x:65534:\n");
        return root;
    }

    /** A config that runs {@code sh -c script} with the usual namespaces and mounts. */
    /** Waits up to 10 s for the container's script to create {@code /out/NAME} in the rootfs. */
    public static void awaitOutput(Path rootfs, String name) throws InterruptedException {
        Path p = rootfs.resolve("out").resolve(name);
        for (int i = 0; i < 1000 && !Files.exists(p); i++) {
            Thread.sleep(10);
        }
        Assertions.assertTrue(Files.exists(p), name + " never appeared");
    }

    public static String config(String script, String extraLinux) {
        return """
                {"ociVersion": "1.0.2",
                 "process": {"terminal": false, "user": {"uid": 0, "gid": 0}, "args": ["/bin/sh", "-c", %s],
                             "env": ["PATH=/bin"], "cwd": "/",
                             "capabilities": {"bounding": ["CAP_KILL", "CAP_CHOWN"], "effective": ["CAP_KILL"],
                                              "permitted": ["CAP_KILL"]},
                             "noNewPrivileges": true},
                 "root": {"path": "rootfs"},
                 "hostname": "it",
                 "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"},
                            {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "mode=755"]}],
                 "linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}, {"type": "uts"}, {"type": "ipc"},
                                          {"type": "network"}]%s}}
                """.formatted(quote(script), extraLinux == null ? "" : ", " + extraLinux);
    }

    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
