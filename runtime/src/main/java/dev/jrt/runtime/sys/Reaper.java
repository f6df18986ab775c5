package dev.jrt.runtime.sys;

/**
 * Collects the exit status of a container init that is this process's child (CLONE_PARENT
 * makes it so for the JVM that created it), so that a long-lived caller such as a shim
 * embedding the library keeps no zombies.
 */
public final class Reaper {
    private static final int ECHILD = 10;

    private Reaper() {}

    /** Reaps pid if it is an exited child of ours; does nothing otherwise. */
    public static void reapIfChild(int pid) {
        if (pid <= 0) {
            return;
        }
        try {
            Syscalls.waitpid(pid, Syscalls.WNOHANG);
        } catch (SyscallException e) {
            if (e.errno() != ECHILD) {
                throw e;
            }
        }
    }
}
