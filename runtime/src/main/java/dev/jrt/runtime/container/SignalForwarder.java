package dev.jrt.runtime.container;

import dev.jrt.runtime.sys.Syscalls;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While `run` or an attached `exec` waits in the foreground, signals sent to jrt go to the
 * container's process, as runc forwards them. The handlers are installed before the process
 * exists, so that a signal arriving while it starts is not lost (nor kills the JVM): such a
 * signal is held and delivered as soon as the target is known.
 */
final class SignalForwarder implements AutoCloseable {
    private static final String[] FORWARDED = {"INT", "TERM", "HUP", "QUIT", "USR1", "USR2", "WINCH"};

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private final List<Integer> pending = new ArrayList<>();
    private int target;

    private SignalForwarder() {}

    /** Starts catching the forwarded signals; they are held until {@link #target(int)}. */
    static SignalForwarder start() {
        SignalForwarder f = new SignalForwarder();
        for (String name : FORWARDED) {
            try {
                Signal s = new Signal(name);
                f.previous.add(Signal.handle(s, sig -> f.deliver(sig.getNumber())));
                f.signals.add(s);
            } catch (IllegalArgumentException e) {
                // the JVM reserves this signal (QUIT, USR1 on some JVMs): leave it alone
            }
        }
        return f;
    }

    static SignalForwarder forwardTo(int pid) {
        SignalForwarder f = start();
        f.target(pid);
        return f;
    }

    /** From now on signals go to pid; any held ones are sent first. */
    synchronized void target(int pid) {
        target = pid;
        for (int signal : pending) {
            Syscalls.kill(pid, signal);
        }
        pending.clear();
    }

    private synchronized void deliver(int signal) {
        if (target > 0) {
            Syscalls.kill(target, signal);
        } else {
            pending.add(signal);
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
