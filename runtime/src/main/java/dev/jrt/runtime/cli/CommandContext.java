package dev.jrt.runtime.cli;

import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.api.OciRuntime;
import dev.jrt.runtime.api.RuntimeOptions;
import dev.jrt.runtime.container.LinuxRuntime;
import dev.jrt.runtime.log.LogSink;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Function;

/** What a command runs with: global options, standard streams, the log and the runtime. */
public final class CommandContext {
    private final ParsedArgs global;
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final LogSink log;
    private final Function<RuntimeOptions, OciRuntime> runtimeFactory;
    private OciRuntime runtime;

    CommandContext(ParsedArgs global, PrintStream out, PrintStream err, InputStream in, LogSink log,
                   Function<RuntimeOptions, OciRuntime> runtimeFactory) {
        this.global = global;
        this.out = out;
        this.err = err;
        this.in = in;
        this.log = log;
        this.runtimeFactory = runtimeFactory;
    }

    public ParsedArgs global() {
        return global;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public InputStream in() {
        return in;
    }

    public LogSink log() {
        return log;
    }

    public Path stateRoot() {
        String root = global.value("root");
        return root == null ? RuntimeOptions.DEFAULT_ROOT : Path.of(root);
    }

    /** The runtime, built on first use so that commands such as spec never pay for it. */
    public OciRuntime runtime() {
        if (runtime == null) {
            runtime = runtimeFactory.apply(new RuntimeOptions(stateRoot(), LinuxRuntime.defaultInitBinary(), log,
                    global.bool("systemd-cgroup")));
        }
        return runtime;
    }

    /** The container id: the first positional argument, validated. */
    public static ContainerId containerId(String command, ParsedArgs args) {
        if (args.positionals().isEmpty()) {
            throw new UsageException(command + ": requires a container id");
        }
        return ContainerId.of(args.positionals().get(0));
    }

    /** Fails unless there are between min and max positional arguments. */
    public static void expectArgs(String command, ParsedArgs args, int min, int max, String usage) {
        int n = args.positionals().size();
        if (n < min || n > max) {
            throw new UsageException(command + ": expected " + usage + ", got " + n + " argument" + (n == 1 ? "" : "s"));
        }
    }
}
