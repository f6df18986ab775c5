package dev.jrt.runtime.container;

import dev.jrt.runtime.api.Signals;
import dev.jrt.runtime.sys.Syscalls;
import java.util.Optional;

/**
 * Sends a signal to a host process. SIGTERM and SIGKILL go through the JDK's ProcessHandle,
 * which needs no native binding: `kill` and `delete` then start without loading JNA, a third of
 * their cost. Other signals use kill(2) through JNA.
 */
final class Signaller {
    private Signaller() {}

    /** Returns false when the process no longer exists. */
    static boolean send(int pid, int signal) {
        if (signal == Signals.SIGKILL || signal == Signals.SIGTERM) {
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isEmpty()) {
                return false;
            }
            return signal == Signals.SIGKILL ? p.get().destroyForcibly() : p.get().destroy();
        }
        return Syscalls.kill(pid, signal);
    }
}
