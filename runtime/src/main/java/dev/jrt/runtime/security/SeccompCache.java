package dev.jrt.runtime.security;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jrt.spec.model.LinuxSeccomp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Compiled seccomp programs under {@code <root>/.cache/seccomp/<sha256>.bpf}, keyed by the
 * canonical JSON of the profile, the libseccomp library file and the translation version, so a
 * repeated profile is neither recompiled nor needs libseccomp loaded. The directory is 0700
 * under the (0700) state root; a file that is not a whole number of BPF instructions is ignored.
 */
public final class SeccompCache {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final Path dir;

    public SeccompCache(Path stateRoot) {
        this.dir = stateRoot.resolve(".cache").resolve("seccomp");
    }

    /** The cache key: SHA-256 over the translation version, the library and the profile. */
    public static String digest(LinuxSeccomp seccomp, String library) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(("jrt-seccomp " + SeccompCompiler.TRANSLATION_VERSION + "\n" + library + "\n"
                    + System.getProperty("os.arch") + "\n").getBytes(StandardCharsets.UTF_8));
            md.update(CANONICAL.writeValueAsBytes(seccomp));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("digest the seccomp profile: " + e.getMessage(), e);
        }
    }

    public Path file(String digest) {
        return dir.resolve(digest + ".bpf");
    }

    public Optional<byte[]> get(String digest) {
        try {
            byte[] bytes = Files.readAllBytes(file(digest));
            return bytes.length > 0 && bytes.length % 8 == 0 ? Optional.of(bytes) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Best effort: a cache that cannot be written only costs the next create a compile. */
    public void put(String digest, byte[] program) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path tmp = Files.createTempFile(dir, ".tmp", ".bpf");
            try {
                Files.write(tmp, program);
                Files.move(tmp, file(digest), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // keep going without a cache entry
        }
    }
}
