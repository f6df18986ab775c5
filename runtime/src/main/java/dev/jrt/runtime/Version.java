package dev.jrt.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/** Versions jrt reports. */
public final class Version {
    public static final String JRT = "0.1.0";
    public static final String OCI_SPEC = "1.3.0";

    private static final String[] LIB_DIRS = {
        "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib"
    };

    private Version() {}

    /**
     * libseccomp's version from the name its shared object resolves to (libseccomp.so.2.5.4),
     * or null when it is not installed; reading a file name keeps `--version` free of JNA.
     */
    public static String libseccomp() {
        for (String dir : LIB_DIRS) {
            Path lib = Path.of(dir, "libseccomp.so.2");
            if (Files.exists(lib)) {
                try {
                    String name = lib.toRealPath().getFileName().toString();
                    return name.startsWith("libseccomp.so.") ? name.substring("libseccomp.so.".length()) : "2";
                } catch (java.io.IOException e) {
                    return "2";
                }
            }
        }
        return null;
    }
}
