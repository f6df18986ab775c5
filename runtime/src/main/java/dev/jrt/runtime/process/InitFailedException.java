package dev.jrt.runtime.process;

import dev.jrt.runtime.sys.Errno;

/**
 * jrt-init reported that op {@code opIndex} failed; {@code source} is the config field that
 * produced it (ContainerPlan.sources()), null when the failure was not in an op. Message:
 * {@code /mounts/3: mount proc on /proc: EPERM (operation not permitted)}.
 */
public class InitFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int opIndex;
    private final String source;
    private final int errno;
    private final String executorMessage;

    public InitFailedException(int opIndex, String source, int errno, String message) {
        super(format(source, errno, message));
        this.opIndex = opIndex;
        this.source = source;
        this.errno = errno;
        this.executorMessage = message;
    }

    static String format(String source, int errno, String message) {
        return (source == null || source.isEmpty() ? "jrt-init" : source) + ": " + message
                + (errno == 0 ? "" : ": " + Errno.describe(errno));
    }

    public int opIndex() {
        return opIndex;
    }

    public String source() {
        return source;
    }

    public int errno() {
        return errno;
    }

    /** What jrt-init said, without source and errno. */
    public String executorMessage() {
        return executorMessage;
    }
}
