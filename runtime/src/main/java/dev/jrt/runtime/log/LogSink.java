package dev.jrt.runtime.log;

/** Where jrt's own log lines go (the --log file, or stderr). */
public interface LogSink extends AutoCloseable {

    enum Level { DEBUG, INFO, WARN, ERROR }

    void log(Level level, String message);

    boolean debugEnabled();

    default void debug(String message) {
        if (debugEnabled()) {
            log(Level.DEBUG, message);
        }
    }

    default void warn(String message) {
        log(Level.WARN, message);
    }

    default void error(String message) {
        log(Level.ERROR, message);
    }

    @Override
    default void close() {}

    /** Discards everything: for callers that embed the library and do their own logging. */
    LogSink NONE = new LogSink() {
        @Override
        public void log(Level level, String message) {}

        @Override
        public boolean debugEnabled() {
            return false;
        }
    };
}
