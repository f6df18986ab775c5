package dev.jrt.conformance.support;

import java.nio.file.Path;

/** A bundle on disk: its directory (holding config.json) and its rootfs. */
public record Bundle(Path dir, Path rootfs) {

    public Path config() {
        return dir.resolve("config.json");
    }
}
