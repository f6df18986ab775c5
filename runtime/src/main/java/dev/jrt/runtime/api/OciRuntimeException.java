package dev.jrt.runtime.api;

/**
 * Root of every error jrt reports to a user. Messages are lower case, name what failed, where
 * and why; the CLI prints the cause chain joined by ": " and exits 1.
 */
public class OciRuntimeException extends RuntimeException {
    public OciRuntimeException(String message) {
        super(message);
    }

    public OciRuntimeException(String message, Throwable cause) {
        super(message, cause);
    }
}
