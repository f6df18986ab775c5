package dev.jrt.conformance.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the runtime binary with its own state directory ({@code --root}) and
 * log ({@code --log <dir>/log.json --log-format json}). Every call has a
 * timeout: a hung runtime fails the test instead of blocking the suite. The
 * runtime's stdout and stderr go to files, not pipes, because a container
 * started by {@code create} inherits them and may outlive the call.
 */
public final class RuntimeCli {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    /** -Dconformance.timeScale=N multiplies every timeout (an emulated CPU, as in make test-cgroupv2). */
    private static final long TIME_SCALE = Long.getLong("conformance.timeScale", 1);

    public static Duration scaled(Duration timeout) {
        return timeout.multipliedBy(TIME_SCALE);
    }

    private final Path binary;
    private final Path root;
    private final Path log;
    private final Path ioDir;
    private final AtomicInteger calls = new AtomicInteger();

    public RuntimeCli(Path binary, Path workDir) throws IOException {
        this.binary = binary;
        this.root = Files.createDirectories(workDir.resolve("state"));
        this.log = workDir.resolve("log.json");
        this.ioDir = Files.createDirectories(workDir.resolve("io"));
    }

    public Path root() {
        return root;
    }

    /** The runtime's log so far (for failure messages). */
    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    public CliResult exec(String... args) {
        return exec(Call.of(args));
    }

    /** A CLI call: arguments plus optional stdin, working directory, timeout and shell prefix. */
    public static final class Call {
        final List<String> args;
        Duration timeout = DEFAULT_TIMEOUT;
        byte[] stdin;
        Path cwd;
        String shellPrefix;
        Path stdoutFile;
        Path stderrFile;

        private Call(List<String> args) {
            this.args = args;
        }

        public static Call of(String... args) {
            return new Call(Arrays.asList(args));
        }

        public Call timeout(Duration t) {
            this.timeout = t;
            return this;
        }

        public Call stdin(String s) {
            this.stdin = s.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Call cwd(Path p) {
            this.cwd = p;
            return this;
        }

        /** Shell commands run by /bin/sh right before it execs the runtime (e.g. to open an extra fd). */
        public Call shellPrefix(String s) {
            this.shellPrefix = s;
            return this;
        }

        /** Where the runtime's (and so a created container's) stdout/stderr go. */
        public Call output(Path out, Path err) {
            this.stdoutFile = out;
            this.stderrFile = err;
            return this;
        }
    }

    public CliResult exec(Call call) {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--root", root.toString(),
                "--log", log.toString(), "--log-format", "json"));
        cmd.addAll(call.args);
        List<String> full = cmd;
        if (call.shellPrefix != null) {
            full = new ArrayList<>(List.of("/bin/sh", "-c", call.shellPrefix + "\nexec \"$@\"", "sh"));
            full.addAll(cmd);
        }
        int n = calls.incrementAndGet();
        Path out = call.stdoutFile != null ? call.stdoutFile : ioDir.resolve(n + ".out");
        Path err = call.stderrFile != null ? call.stderrFile : ioDir.resolve(n + ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(full)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
            if (call.stdin != null) {
                Path in = ioDir.resolve(n + ".in");
                Files.write(in, call.stdin);
                pb.redirectInput(in.toFile());
            } else {
                pb.redirectInput(Path.of("/dev/null").toFile());
            }
            if (call.cwd != null) {
                pb.directory(call.cwd.toFile());
            }
            Process p = pb.start();
            boolean done = p.waitFor(scaled(call.timeout).toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            return new CliResult(cmd, done ? p.exitValue() : -1, read(out), read(err), !done);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + cmd, e);
        }
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }
}
