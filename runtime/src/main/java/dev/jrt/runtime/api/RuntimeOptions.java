package dev.jrt.runtime.api;

import dev.jrt.runtime.log.LogSink;
import java.nio.file.Path;

/**
 * What a runtime instance is configured with: the state root, where jrt-init lives, and where
 * its own log lines go.
 */
public record RuntimeOptions(Path stateRoot, Path initBinary, LogSink log, boolean systemdCgroup) {
    public static final Path DEFAULT_ROOT = Path.of("/run/jrt");
}
