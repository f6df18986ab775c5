package dev.jrt.runtime.rootfs;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/** A rootfs tarball's format, recognised by its first bytes, never by its name. */
public enum ArchiveFormat {
    TAR, GZIP, XZ, ZSTD;

    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};
    private static final byte[] XZ_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
    private static final byte[] USTAR = "ustar".getBytes(StandardCharsets.US_ASCII);

    /** The format of the file, or null when it is none of them. */
    public static ArchiveFormat detect(Path file) throws IOException {
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (startsWith(head, n, GZIP_MAGIC)) {
            return GZIP;
        } else if (startsWith(head, n, XZ_MAGIC)) {
            return XZ;
        } else if (startsWith(head, n, ZSTD_MAGIC)) {
            return ZSTD;
        } else if (n >= 262 && Arrays.equals(head, 257, 262, USTAR, 0, USTAR.length)) {
            return TAR;
        }
        return null;
    }

    private static boolean startsWith(byte[] head, int n, byte[] magic) {
        return n >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    /** The uncompressed tar stream of the file. */
    public InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return switch (this) {
                case TAR -> raw;
                case GZIP -> new BufferedInputStream(GzipCompressorInputStream.builder().setInputStream(raw)
                        .setDecompressConcatenated(true).get(), 1 << 16);
                case XZ -> new BufferedInputStream(new XZCompressorInputStream(raw, true), 1 << 16);
                case ZSTD -> new BufferedInputStream(new ZstdInputStream(raw), 1 << 16);
            };
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    public String displayName() {
        return switch (this) {
            case TAR -> "tar";
            case GZIP -> "tar.gz";
            case XZ -> "tar.xz";
            case ZSTD -> "tar.zst";
        };
    }
}
