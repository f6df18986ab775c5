package dev.jrt.runtime.hooks;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.log.LogSink;
import dev.jrt.runtime.sys.Fd;
import dev.jrt.runtime.sys.Pipes;
import dev.jrt.runtime.sys.Syscalls;
import dev.jrt.spec.model.Hook;
import dev.jrt.spec.model.Hooks;
import dev.jrt.spec.state.OciState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs hooks in the runtime namespace (prestart, createRuntime, poststart, poststop) as runc
 * does: execve(path, args, env) exactly as configured (argv[0] from args, nothing inherited but
 * the environment given), the state JSON on stdin, stdout and stderr captured for the error
 * message, killed after its timeout. The hook is spawned with posix_spawn: no Java code runs
 * between fork and exec, and it gets no descriptor of jrt's besides its three pipes.
 */
public final class HookRunner {
    private static final int OUTPUT_LIMIT = 4096;

    private final LogSink log;

    public HookRunner(LogSink log) {
        this.log = log;
    }

    /**
     * Runs the phase's hooks in order. A fatal phase stops at the first failure and throws,
     * naming the hook's config field; the others log each failure as a warning and go on.
     */
    public void run(HookPhase phase, Hooks hooks, OciState state) {
        List<Hook> list = phase.of(hooks);
        if (list.isEmpty()) {
            return;
        }
        byte[] stdin = state.toJson().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < list.size(); i++) {
            try {
                runOne(list.get(i), stdin);
            } catch (RuntimeException e) {
                String message = "config.json " + phase.pointer(i) + ": " + phase.configName() + " hook "
                        + list.get(i).path() + ": " + e.getMessage();
                if (phase.fatal()) {
                    throw new OciRuntimeException(message, e);
                }
                log.warn(message);
            }
        }
    }

    private static void runOne(Hook hook, byte[] stdin) {
        List<String> argv = hook.args() == null || hook.args().isEmpty() ? List.of(hook.path()) : hook.args();
        List<String> env = hook.env() == null ? List.of() : hook.env();
        long timeoutNanos = hook.timeout() == null ? 0 : hook.timeout() * 1_000_000_000L;
        Fd[] in = Pipes.open();
        Fd[] out = Pipes.open();
        int pid;
        try {
            pid = Syscalls.spawn(hook.path(), argv, env,
                    List.of(new Syscalls.Dup2(in[0].get(), 0), new Syscalls.Dup2(out[1].get(), 1),
                            new Syscalls.Dup2(out[1].get(), 2)), 3);
        } catch (RuntimeException e) {
            close(in);
            close(out);
            throw new OciRuntimeException("cannot run it: " + e.getMessage(), e);
        }
        in[0].close();
        out[1].close();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread feeder = daemon("hook-stdin", () -> {
            try (Fd w = in[1]) {
                Pipes.writeAll(w, stdin);
            } catch (RuntimeException e) {
                // the hook closed its stdin early: that is its choice
            }
        });
        Thread drainer = daemon("hook-output", () -> drain(out[0], output));
        int status = await(pid, timeoutNanos);
        join(feeder);
        join(drainer);
        if (status == Integer.MIN_VALUE) {
            throw new OciRuntimeException("timed out after " + hook.timeout() + " s and was killed" + tail(output));
        }
        int code = Syscalls.exitCode(status);
        if (code != 0) {
            throw new OciRuntimeException((code > 128 && (status & 0x7f) != 0
                    ? "killed by signal " + (code - 128) : "exited with status " + code) + tail(output));
        }
    }

    /** The wait status, or Integer.MIN_VALUE if the hook ran out of time (it is killed and reaped). */
    private static int await(int pid, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        long sleepMs = 1;
        while (true) {
            int status = Syscalls.waitpid(pid, timeoutNanos == 0 ? 0 : Syscalls.WNOHANG);
            if (status != -1) {
                return status;
            }
            if (System.nanoTime() - deadline >= 0) {
                Syscalls.kill(pid, Syscalls.SIGKILL);
                Syscalls.waitpid(pid, 0);
                return Integer.MIN_VALUE;
            }
            try {
                Thread.sleep(sleepMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Syscalls.kill(pid, Syscalls.SIGKILL);
                Syscalls.waitpid(pid, 0);
                throw new OciRuntimeException("interrupted while it ran");
            }
            sleepMs = Math.min(sleepMs * 2, 20);
        }
    }

    /** Reads until end of file (every holder of the write end is gone), keeping the first bytes. */
    private static void drain(Fd fd, ByteArrayOutputStream output) {
        byte[] buf = new byte[4096];
        try (fd) {
            int n;
            while ((n = Syscalls.read(fd.get(), buf)) > 0) {
                synchronized (output) {
                    output.write(buf, 0, Math.min(n, Math.max(0, OUTPUT_LIMIT - output.size())));
                }
            }
        } catch (RuntimeException e) {
            // output is only for the message
        }
    }

    private static String tail(ByteArrayOutputStream output) {
        String text;
        synchronized (output) {
            text = output.toString(StandardCharsets.UTF_8).strip();
        }
        return text.isEmpty() ? "" : ", output: " + text.replace('\n', ' ');
    }

    private static Thread daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread t) {
        try {
            t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(Fd[] pair) {
        pair[0].close();
        pair[1].close();
    }
}
