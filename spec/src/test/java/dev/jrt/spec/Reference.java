package dev.jrt.spec;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The OCI runtime-spec checkout the tests read vectors from:
 * {@code <repo>/../shared/reference/runtime-spec}, where {@code <repo>} is the first directory
 * above the working directory whose pom.xml lists modules. Tests that need it are skipped
 * when it is absent.
 */
public final class Reference {

    private Reference() {
    }

    public static Path runtimeSpec() {
        Path repo = repoRoot();
        Path dir = repo == null ? null : repo.resolve("../shared/reference/runtime-spec").normalize();
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir),
                "OCI runtime-spec reference not found at <repo>/../shared/reference/runtime-spec (repo: " + repo + ")");
        return dir;
    }

    public static List<Path> jsonFiles(String subdir) {
        try (Stream<Path> files = Files.list(runtimeSpec().resolve(subdir))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repoRoot() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>")) {
                    return dir;
                }
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }
}
