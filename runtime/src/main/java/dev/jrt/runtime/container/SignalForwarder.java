package dev.jrt.runtime.container;

import dev.jrt.runtime.sys.Syscalls;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While `run` waits in the foreground, signals sent to jrt go to the container's init, as
 * runc forwards them.
 */
final class SignalForwarder implements AutoCloseable {
    private static final String[] FORWARDED = {"INT", "TERM", "HUP", "QUIT", "USR1", "USR2", "WINCH"};

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private SignalForwarder() {}

    static SignalForwarder forwardTo(int pid) {
        SignalForwarder f = new SignalForwarder();
        for (String name : FORWARDED) {
            try {
                Signal s = new Signal(name);
                f.previous.add(Signal.handle(s, sig -> Syscalls.kill(pid, sig.getNumber())));
                f.signals.add(s);
            } catch (IllegalArgumentException e) {
                // the JVM reserves this signal (QUIT, USR1 on some JVMs): leave it alone
            }
        }
        return f;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
