package dev.jrt.conformance.support;

import java.util.List;

/** Outcome of one runtime CLI call. */
public record CliResult(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut) {

    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }

    /** For assertion messages. */
    public String describe() {
        return String.join(" ", command) + "\n  exit " + (timedOut ? "TIMEOUT" : exitCode)
                + "\n  stdout: " + stdout.strip() + "\n  stderr: " + stderr.strip();
    }
}
