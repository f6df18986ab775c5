package dev.jrt.runtime.api;

import java.nio.file.Path;
import java.util.List;

/**
 * Options of exec, as runc's flags name them. Either {@code processFile} (a Process JSON that
 * replaces the config's process) or {@code args} (the config's process with these overrides).
 *
 * @param user          "uid" or "uid:gid", or null
 * @param cgroup        "[controller:]path" entries: a sub-cgroup of the container's to join
 * @param preserveFds   number of descriptors after stdio (3, 4, ...) passed to the process
 */
public record ExecOptions(Path processFile, List<String> args, boolean tty, Path consoleSocket, boolean detach,
                          Path pidFile, String cwd, List<String> env, String user, List<String> additionalGids,
                          List<String> caps, boolean noNewPrivs, String apparmor, String processLabel,
                          int preserveFds, List<String> cgroup, boolean ignorePaused) {

    /** A plain command line, attached, with the config's process settings. */
    public static ExecOptions of(List<String> args) {
        return new ExecOptions(null, args, false, null, false, null, null, List.of(), null, List.of(), List.of(),
                false, null, null, 0, List.of(), false);
    }
}
