package dev.jrt.runtime.api;

import java.nio.file.Path;

/**
 * Options of create and run, as runc's flags name them.
 *
 * @param preserveFds number of descriptors after stdio (3, 4, ...) passed to the container
 */
public record CreateOptions(Path bundle, Path consoleSocket, Path pidFile, boolean noPivot,
                            boolean noNewKeyring, int preserveFds) {

    public static CreateOptions of(Path bundle) {
        return new CreateOptions(bundle, null, null, false, false, 0);
    }
}
