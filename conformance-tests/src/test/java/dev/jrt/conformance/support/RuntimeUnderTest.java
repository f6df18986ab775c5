package dev.jrt.conformance.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The runtime binary under test: system property {@code runtime}, else
 * environment variable {@code RUNTIME}, else the built jrt at
 * {@code <repo>/build/dist/bin/jrt}. Its name (for results and
 * {@code @Deviation}) is the binary's file name unless {@code runtime.name} is set.
 */
public final class RuntimeUnderTest {

    /**
     * Failures of a minimal container that come from this host, not from the
     * runtime under test: a runtime that reports one of these is skipped, with
     * its message as the reason. Anything else fails the tests.
     */
    private static final List<String> HOST_LIMITATIONS = List.of(
            "cgroups in hybrid mode not supported");

    private static RuntimeUnderTest instance;

    private final Path binary;
    private final String name;
    private String version;
    private Optional<String> hostLimitation;

    private RuntimeUnderTest(Path binary, String name) {
        this.binary = binary;
        this.name = name;
    }

    public static synchronized RuntimeUnderTest get() {
        if (instance == null) {
            String prop = System.getProperty("runtime", "");
            if (prop.isBlank()) {
                prop = Optional.ofNullable(System.getenv("RUNTIME")).orElse("");
            }
            Path bin = prop.isBlank() ? Fixtures.repoRoot().resolve("build/dist/bin/jrt") : Path.of(prop);
            bin = bin.toAbsolutePath().normalize();
            String n = System.getProperty("runtime.name", "");
            instance = new RuntimeUnderTest(bin, n.isBlank() ? bin.getFileName().toString() : n);
        }
        return instance;
    }

    public Path binary() {
        return binary;
    }

    public String name() {
        return name;
    }

    public boolean exists() {
        return Files.isExecutable(binary);
    }

    /** First line of {@code <runtime> --version}, or "unknown". */
    public synchronized String version() {
        if (version == null) {
            version = "unknown";
            if (exists()) {
                try {
                    Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
                    String out = new String(p.getInputStream().readAllBytes());
                    p.waitFor();
                    version = out.lines().findFirst().orElse("unknown").trim();
                } catch (IOException e) {
                    version = "unknown (" + e.getMessage() + ")";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return version;
    }

    /**
     * Runs one minimal container once per JVM; if the runtime refuses it for a
     * known reason of this host (see {@link #HOST_LIMITATIONS}), returns that reason.
     */
    public synchronized Optional<String> hostLimitation() {
        if (hostLimitation == null) {
            hostLimitation = Optional.empty();
            try (Sandbox sb = new Sandbox("preflight")) {
                Bundle b = sb.bundle().args("/probe", "exit", "0").build();
                CliResult r = sb.tryRun(b, Duration.ofSeconds(30));
                if (r.exitCode() != 0) {
                    String msg = r.stderr() + "\n" + r.stdout() + "\n" + sb.cli().logText();
                    for (String known : HOST_LIMITATIONS) {
                        if (msg.contains(known)) {
                            String line = msg.lines().filter(l -> l.contains(known)).findFirst().orElse(known);
                            hostLimitation = Optional.of(name + " cannot run any container on this host: "
                                    + known + " (" + version() + "); runtime said: " + trimLog(line));
                        }
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return hostLimitation;
    }

    private static String trimLog(String line) {
        String s = line.trim();
        int i = s.indexOf("\"msg\":\"");
        if (i >= 0) {
            s = s.substring(i + 7);
            int j = s.indexOf('"');
            if (j >= 0) {
                s = s.substring(0, j);
            }
        }
        return s.length() > 160 ? s.substring(0, 160) : s;
    }
}
