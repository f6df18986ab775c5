package dev.jrt.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A busybox root filesystem for integration tests. */
final class Rootfs {
    static final String[] APPLETS = {"sh", "echo", "cat", "ls", "id", "hostname", "sleep", "readlink", "stat", "true", "tty", "stty", "mkdir", "cut"};

    private Rootfs() {}

    static Path create(Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("rootfs"));
        for (String d : new String[] {"bin", "proc", "dev", "tmp", "etc", "out"}) {
            Files.createDirectories(root.resolve(d));
        }
        Files.copy(Path.of("/bin/busybox"), root.resolve("bin/busybox"), StandardCopyOption.COPY_ATTRIBUTES);
        for (String applet : APPLETS) {
            Files.createSymbolicLink(root.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        root.resolve("out").toFile().setWritable(true, false);
        return root;
    }
}
