package dev.jrt.conformance.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Everything one test uses, under one temporary directory: the runtime's
 * state root, bundles, host directories for bind mounts and hook output.
 * {@link #close()} force-deletes every container, kills leftover container
 * processes and removes the directory, whether the test passed or not.
 */
public final class Sandbox implements AutoCloseable {

    private final Path dir;
    private final RuntimeCli cli;
    private final Set<String> ids = new LinkedHashSet<>();
    private final List<Container> containers = new ArrayList<>();
    private final List<Runnable> cleanups = new ArrayList<>();
    private int bundles;

    public Sandbox(String label) throws IOException {
        this.dir = Files.createTempDirectory("jrt-conformance-" + label.replaceAll("[^A-Za-z0-9]", "").toLowerCase() + "-");
        // traversable by the mapped root of user-namespace tests
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        this.cli = new RuntimeCli(RuntimeUnderTest.get().binary(), dir);
    }

    public Path dir() {
        return dir;
    }

    public RuntimeCli cli() {
        return cli;
    }

    /** A fresh, unique container id (registered for cleanup). */
    public String newId() {
        String id = "ct-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
        ids.add(id);
        return id;
    }

    /** A new bundle directory with a copy of the template rootfs and the base config. */
    public BundleBuilder bundle() {
        try {
            Path b = Files.createDirectories(dir.resolve("bundle-" + (++bundles)));
            Fixtures.run(List.of("cp", "-a", Fixtures.templateRootfs().toString(), b.resolve("rootfs").toString()));
            return new BundleBuilder(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code r} when the sandbox closes, after the containers are gone. */
    public void onClose(Runnable r) {
        cleanups.add(r);
    }

    /** A new empty host directory inside the sandbox (for bind mounts, hook output...). */
    public Path hostDir(String name) {
        try {
            return Files.createDirectories(dir.resolve("host").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code run --bundle B ID} in the foreground with output captured. */
    public CliResult tryRun(Bundle b, Duration timeout) {
        return cli.exec(RuntimeCli.Call.of("run", "--bundle", b.dir().toString(), newId()).timeout(timeout));
    }

    public CliResult tryRun(Bundle b) {
        return tryRun(b, Duration.ofSeconds(30));
    }

    /** Runs in the foreground and asserts exit status 0. */
    public CliResult run(Bundle b) {
        CliResult r = tryRun(b);
        assertTrue(r.ok(), () -> "run failed:\n" + r.describe() + "\n  log: " + cli.logText());
        return r;
    }

    /** Runs {@code /probe report} (or whatever the bundle runs) and parses its JSON. */
    public ProbeReport report(Bundle b) {
        return ProbeReport.parse(run(b).stdout());
    }

    /** {@code create --bundle B --pid-file P ID}; the result tells whether it worked. */
    public Container tryCreate(Bundle b) {
        return tryCreate(b, RuntimeCli.Call.of());
    }

    /** Creates with extra call settings (stdin, shell prefix...) applied to the create call. */
    public Container tryCreate(Bundle b, RuntimeCli.Call settings) {
        return tryCreate(b, settings, newId());
    }

    /** Creates with a given id (registered for cleanup). */
    public Container tryCreate(Bundle b, RuntimeCli.Call settings, String id) {
        ids.add(id);
        String f = id.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + containers.size();
        Container c = new Container(this, id, b, dir.resolve(f + ".pid"), dir.resolve(f + ".out"), dir.resolve(f + ".err"));
        RuntimeCli.Call call = RuntimeCli.Call.of("create", "--bundle", b.dir().toString(), "--pid-file", c.pidFile().toString(), id)
                .output(c.stdoutFile(), c.stderrFile());
        call.timeout = settings.timeout;
        call.stdin = settings.stdin;
        call.cwd = settings.cwd;
        call.shellPrefix = settings.shellPrefix;
        c.createResult = cli.exec(call);
        containers.add(c);
        return c;
    }

    /** Creates and asserts that it worked. */
    public Container create(Bundle b) {
        Container c = tryCreate(b);
        assertTrue(c.createResult().ok(), () -> "create failed:\n" + c.createResult().describe() + "\n  log: " + cli.logText());
        return c;
    }

    @Override
    public void close() {
        Set<String> all = new LinkedHashSet<>(ids);
        try (Stream<Path> s = Files.list(cli.root())) {
            s.forEach(p -> all.add(p.getFileName().toString()));
        } catch (IOException ignored) {
            // no state directory: nothing was created
        }
        for (String id : all) {
            cli.exec(RuntimeCli.Call.of("delete", "--force", id).timeout(Duration.ofSeconds(15)));
        }
        for (Container c : containers) {
            c.killLeftover();
        }
        for (String id : all) {
            HostCgroups.removeEmpty(id);
        }
        cleanups.forEach(Runnable::run);
        deleteTree(dir);
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("warning: cannot remove " + root + ": " + e);
        }
    }
}
