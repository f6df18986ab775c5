package dev.jrt.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locates jrt-init for tests: -Djrt.init=PATH, else compiles it into target/ with the
 * Makefile's exact gcc command (when a source is newer than the binary).
 */
final class Executor {
    private static Path built;

    private Executor() {}

    static synchronized Path path() throws IOException, InterruptedException {
        String property = System.getProperty("jrt.init");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        if (built != null) {
            return built;
        }
        Path home = Path.of(System.getProperty("jrt.home", "..")).toAbsolutePath().normalize();
        Path sources = home.resolve("runtime/src/main/c/jrt-init");
        Path binary = Path.of("target/jrt-init-test/jrt-init").toAbsolutePath();
        List<Path> cFiles;
        try (Stream<Path> s = Files.list(sources)) {
            cFiles = s.filter(p -> p.toString().endsWith(".c") || p.toString().endsWith(".h")).sorted().toList();
        }
        boolean stale = !Files.exists(binary);
        for (Path c : cFiles) {
            stale |= !stale && Files.getLastModifiedTime(c).compareTo(Files.getLastModifiedTime(binary)) > 0;
        }
        if (stale) {
            Files.createDirectories(binary.getParent());
            List<String> cmd = new ArrayList<>(List.of("gcc", "-static", "-O2", "-Wall", "-Wextra", "-Werror",
                    "-D_GNU_SOURCE", "-o", binary.toString()));
            cFiles.stream().filter(p -> p.toString().endsWith(".c")).forEach(p -> cmd.add(p.toString()));
            Process gcc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(gcc.getInputStream().readAllBytes());
            if (gcc.waitFor() != 0) {
                throw new IOException("building jrt-init failed:\n" + out);
            }
        }
        built = binary;
        return binary;
    }
}
