package dev.jrt.runtime.process;

import dev.jrt.runtime.sys.Syscalls;

/** A container init that reported READY (or exec'd, for a plan without Ready). */
public record InitResult(int initPid) {
    /**
     * Waits for the init to exit, when the calling JVM is its parent (jrt run, jrt exec), and
     * returns its exit code, or 128 + the signal that killed it.
     */
    public int waitForExit() {
        return Syscalls.exitCode(Syscalls.waitpid(initPid, 0));
    }
}
