package dev.jrt.runtime.cli;

import dev.jrt.runtime.api.OciRuntimeException;

/** The command line itself is wrong: an unknown flag, a missing argument. */
public class UsageException extends OciRuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
