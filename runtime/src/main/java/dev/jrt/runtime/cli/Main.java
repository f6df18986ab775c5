package dev.jrt.runtime.cli;

import dev.jrt.runtime.api.OciRuntime;
import dev.jrt.runtime.api.RuntimeOptions;
import dev.jrt.runtime.container.LinuxRuntime;
import dev.jrt.runtime.log.LogFormat;
import dev.jrt.runtime.log.LogSink;
import dev.jrt.runtime.log.StreamLogSink;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * jrt's command line: global flags, then a command. Catches every error once, prints
 * {@code jrt: <message chain>} on stderr, logs it (as JSON with --log-format json, which
 * containerd shows to its users) and exits 1; run and exec exit with the container's status.
 */
public final class Main {

    private Main() {}

    public static void main(String[] argv) {
        PrintStream out = new PrintStream(new FileOutputStream(java.io.FileDescriptor.out), false);
        int status = run(argv, out, System.err, System.in, LinuxRuntime::new);
        out.flush();
        System.out.flush();
        System.err.flush();
        // System.exit first logs the exit through System.Logger (JDK 21+), whose lookup scans every
        // jar on the class path for a LoggerFinder: tens of ms. jrt registers no shutdown hooks.
        Runtime.getRuntime().halt(status);
    }

    public static int run(String[] argv, PrintStream out, PrintStream err, InputStream in,
                          Function<RuntimeOptions, OciRuntime> runtimeFactory) {
        List<String> args = Arrays.asList(argv);
        int cmdAt = GlobalOptions.commandIndex(args);
        LogSink log = LogSink.NONE;
        try {
            ParsedArgs global = ArgParser.parse("jrt", GlobalOptions.FLAGS, args.subList(0, cmdAt), false);
            log = openLog(global, err);
            if (global.bool("version")) {
                return Commands.VERSION.run(new CommandContext(global, out, err, in, log, runtimeFactory),
                        new ParsedArgs(java.util.Map.of(), List.of()));
            }
            if (cmdAt >= args.size() || global.bool("help")) {
                out.print(Commands.help());
                return cmdAt >= args.size() && !global.bool("help") ? 1 : 0;
            }
            String name = args.get(cmdAt);
            Command command = Commands.find(name);
            if (command == null) {
                throw new UsageException("no such command \"" + name + "\" (see jrt --help)");
            }
            ParsedArgs parsed = ArgParser.parse(name, command.flags(), args.subList(cmdAt + 1, args.size()),
                    command.stopAtFirstPositional());
            if (parsed.bool("help")) {
                out.println("usage: jrt " + command.name() + " " + command.usage());
                return 0;
            }
            log.debug("jrt " + String.join(" ", args));
            return command.run(new CommandContext(global, out, err, in, log, runtimeFactory), parsed);
        } catch (Exception e) {
            String message = ErrorMessages.chain(e);
            log.error(message);
            err.println("jrt: " + message);
            if (log.debugEnabled() || System.getenv("JRT_STACKTRACE") != null) {
                e.printStackTrace(err);
            }
            return 1;
        } finally {
            out.flush();
            log.close();
        }
    }

    /** The --log file is created even when nothing is logged (containerd's shim reads it). */
    private static LogSink openLog(ParsedArgs global, PrintStream err) throws IOException {
        LogFormat format = LogFormat.TEXT;
        String f = global.value("log-format");
        if (f != null) {
            try {
                format = LogFormat.parse(f);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--log-format: " + e.getMessage());
            }
        }
        boolean debug = global.bool("debug");
        String path = global.value("log");
        if (path == null || path.isEmpty()) {
            // like runc without --log: warnings (and debug lines) on stderr; errors are printed once, below
            return new StreamLogSink(err, format, debug, false, false);
        }
        OutputStream file = new FileOutputStream(path, true);
        return new StreamLogSink(file, format, debug, true);
    }
}
