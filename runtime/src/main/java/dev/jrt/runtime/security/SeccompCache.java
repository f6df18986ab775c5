package dev.jrt.runtime.security;

import dev.jrt.spec.model.LinuxSeccomp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Compiled seccomp programs under {@code <root>/.cache/seccomp/}, so a repeated profile is neither
 * recompiled nor needs libseccomp loaded. An entry is found by a 64-bit hash of its key (the
 * translation version, the libseccomp library file, the architecture and the profile, see
 * {@link #key}) and holds the whole key before the program: a read compares it, so a hash
 * collision, even one crafted by a config, is a miss and never another profile's program. That
 * spares {@code create} a cryptographic digest, whose provider start-up costs a cold JVM ~10 ms.
 * The directory is 0700 under the (0700) state root; an entry whose program is not a whole number
 * of BPF instructions is ignored.
 */
public final class SeccompCache {
    private final Path dir;

    public SeccompCache(Path stateRoot) {
        this.dir = stateRoot.resolve(".cache").resolve("seccomp");
    }

    /** Everything a compiled program depends on, as one text. */
    public static String key(LinuxSeccomp seccomp, String library) {
        return "jrt-seccomp " + SeccompCompiler.TRANSLATION_VERSION + "\n" + library + "\n"
                + System.getProperty("os.arch") + "\n" + SeccompProfileText.of(seccomp);
    }

    public Path file(String key) {
        long hash = 0xcbf29ce484222325L; // FNV-1a, 64 bits
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return dir.resolve(HexFormat.of().toHexDigits(hash) + ".bpf");
    }

    public Optional<byte[]> get(String key) {
        byte[] header = header(key);
        try {
            byte[] entry = Files.readAllBytes(file(key));
            int programLength = entry.length - header.length;
            if (programLength <= 0 || programLength % 8 != 0
                    || !Arrays.equals(entry, 0, header.length, header, 0, header.length)) {
                return Optional.empty();
            }
            return Optional.of(Arrays.copyOfRange(entry, header.length, entry.length));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Best effort: a cache that cannot be written only costs the next create a compile. */
    public void put(String key, byte[] program) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path tmp = Files.createTempFile(dir, ".tmp", ".bpf");
            try {
                byte[] header = header(key);
                byte[] entry = Arrays.copyOf(header, header.length + program.length);
                System.arraycopy(program, 0, entry, header.length, program.length);
                Files.write(tmp, entry);
                Files.move(tmp, file(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // keep going without a cache entry
        }
    }

    /** The key's length in decimal, a newline, then the key: what an entry starts with. */
    private static byte[] header(String key) {
        byte[] text = key.getBytes(StandardCharsets.UTF_8);
        byte[] length = (text.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] header = Arrays.copyOf(length, length.length + text.length);
        System.arraycopy(text, 0, header, length.length, text.length);
        return header;
    }
}
