package dev.jrt.conformance.support;

import dev.jrt.hostfixtures.HostCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Things built once per test run and shared read-only: the probe binary and
 * a template busybox rootfs (built by bundles/build-rootfs.sh) that each
 * bundle copies.
 */
public final class Fixtures {

    private static Path probe;
    private static Path recvtty;
    private static Path seccompAgent;
    private static Path template;

    private Fixtures() {}

    /** The repository root: system property jrt.home, else the first parent holding bundles/build-rootfs.sh. */
    public static Path repoRoot() {
        String home = System.getProperty("jrt.home", "");
        if (!home.isBlank() && Files.exists(Path.of(home, "bundles/build-rootfs.sh"))) {
            return Path.of(home).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("bundles/build-rootfs.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (bundles/build-rootfs.sh); set -Djrt.home");
    }

    static Path workDir() throws IOException {
        String w = System.getProperty("conformance.work.dir", "");
        Path dir = w.isBlank() ? repoRoot().resolve("conformance-tests/target/conformance") : Path.of(w);
        return Files.createDirectories(dir.toAbsolutePath());
    }

    /** The static probe: -Dprobe, else build/probe if newer than its source, else compiled here with gcc. */
    public static synchronized Path probe() {
        if (probe == null) {
            try {
                Path src = repoRoot().resolve("conformance-tests/src/main/c/probe.c");
                String prop = System.getProperty("probe", "");
                Path built = repoRoot().resolve("build/probe");
                if (!prop.isBlank()) {
                    probe = Path.of(prop).toAbsolutePath();
                } else if (Files.isExecutable(built)
                        && Files.getLastModifiedTime(built).compareTo(Files.getLastModifiedTime(src)) >= 0) {
                    probe = built;
                } else {
                    probe = workDir().resolve("probe");
                    run(List.of("gcc", "-static", "-O2", "-Wall", "-Wextra", "-Werror", "-o", probe.toString(), src.toString()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return probe;
    }

    /** The console-socket receiver: build/recvtty if newer than its source, else compiled here. */
    public static synchronized Path recvtty() {
        if (recvtty == null) {
            try {
                Path src = repoRoot().resolve("conformance-tests/src/main/c/recvtty.c");
                Path built = repoRoot().resolve("build/recvtty");
                if (Files.isExecutable(built)
                        && Files.getLastModifiedTime(built).compareTo(Files.getLastModifiedTime(src)) >= 0) {
                    recvtty = built;
                } else {
                    recvtty = workDir().resolve("recvtty");
                    run(List.of("gcc", "-static", "-O2", "-Wall", "-Wextra", "-Werror", "-o", recvtty.toString(),
                            src.toString()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return recvtty;
    }

    /** The seccomp listener (linux.seccomp.listenerPath): build/seccomp-agent if newer than its source, else compiled here. */
    public static synchronized Path seccompAgent() {
        if (seccompAgent == null) {
            try {
                Path src = repoRoot().resolve("conformance-tests/src/main/c/seccomp-agent.c");
                Path built = repoRoot().resolve("build/seccomp-agent");
                if (Files.isExecutable(built)
                        && Files.getLastModifiedTime(built).compareTo(Files.getLastModifiedTime(src)) >= 0) {
                    seccompAgent = built;
                } else {
                    seccompAgent = workDir().resolve("seccomp-agent");
                    run(List.of("gcc", "-static", "-O2", "-Wall", "-Wextra", "-Werror", "-o", seccompAgent.toString(),
                            src.toString()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return seccompAgent;
    }

    /** A busybox rootfs with the probe at /probe, built once; bundles copy it. */
    public static synchronized Path templateRootfs() {
        if (template == null) {
            try {
                Path t = workDir().resolve("rootfs-template");
                run(List.of("rm", "-rf", t.toString()));
                run(List.of(repoRoot().resolve("bundles/build-rootfs.sh").toString(), t.toString(),
                        "--probe", probe().toString()));
                template = t;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return template;
    }

    static void run(List<String> cmd) throws IOException {
        HostCommand.run(cmd);
    }
}
