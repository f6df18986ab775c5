package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.cli.Command;
import dev.jrt.runtime.cli.CommandContext;
import dev.jrt.runtime.cli.FlagSpec;
import dev.jrt.runtime.cli.Main;
import dev.jrt.runtime.container.LinuxRuntime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Hidden: the training runs behind the class-data archives (scripts/make-cds.sh). Runs, in one
 * JVM, the commands whose start-up matters, on throw-away inputs, without touching the host.
 * {@code __train light} trains the commands that never load a config (state, start, kill,
 * delete, ...) and nothing else, so that their archive stays small; {@code __train full} the rest.
 */
public final class TrainCommand implements Command {
    @Override
    public String name() {
        return "__train";
    }

    @Override
    public String usage() {
        return "light|full";
    }

    @Override
    public List<FlagSpec> flags() {
        return List.of();
    }

    /** As root, with busybox and the built executor, a real container lifecycle is trained too. */
    private static boolean realContainersPossible() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/bin/busybox"))
                && Files.isExecutable(LinuxRuntime.defaultInitBinary());
    }

    /** A bundle of busybox whose process is {@code args} (a JSON array). */
    private static Path busyboxBundle(Path dir, String name, String args) throws IOException {
        Path bundle = dir.resolve(name);
        Path bin = Files.createDirectories(bundle.resolve("rootfs/bin"));
        for (String d : new String[] {"proc", "dev", "tmp"}) {
            Files.createDirectories(bundle.resolve("rootfs").resolve(d));
        }
        Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
        for (String applet : new String[] {"true", "sleep"}) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        Files.writeString(bundle.resolve("config.json"), """
                {"ociVersion": "1.0.2",
                 "process": {"args": %s, "env": ["PATH=/bin"], "cwd": "/",
                             "capabilities": {"bounding": ["CAP_KILL"], "effective": ["CAP_KILL"], "permitted": ["CAP_KILL"]},
                             "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024}], "noNewPrivileges": true},
                 "root": {"path": "rootfs", "readonly": true}, "hostname": "train",
                 "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"},
                            {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "mode=755"]}],
                 "linux": {"namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"},
                                          {"type": "mount"}],
                           "maskedPaths": ["/proc/kcore"], "readonlyPaths": ["/proc/sys"]}}
                """.formatted(args));
        return bundle;
    }

    private static void trainFullLifecycle(Path dir, String root, PrintStream sink) throws IOException {
        String t = busyboxBundle(dir, "true", "[\"/bin/true\"]").toString();
        String b = busyboxBundle(dir, "sleep", "[\"/bin/sleep\", \"30\"]").toString();
        run(sink, new String[][] {
            {"--root", root, "run", "--bundle", t, "train-run"},
            {"--root", root, "create", "--bundle", b, "--pid-file", dir.resolve("pid").toString(), "train-life"},
            {"--root", root, "start", "train-life"},
            {"--root", root, "exec", "train-life", "/bin/true"},
            {"--root", root, "--log", dir.resolve("log.json").toString(), "--log-format", "json",
                "exec", "train-life", "/bin/true"},
            {"--root", root, "delete", "--force", "train-life"},
        });
    }

    /** The container is made by another jrt (with the full archive), so that create stays out of this one. */
    private static void trainLightLifecycle(Path dir, String root, PrintStream sink) throws IOException,
            InterruptedException {
        String b = busyboxBundle(dir, "sleep", "[\"/bin/sleep\", \"30\"]").toString();
        ProcessBuilder create = new ProcessBuilder(Path.of(System.getProperty("jrt.home", "."), "bin", "jrt").toString(),
                "--root", root, "create", "--bundle", b, "train-light")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        create.environment().remove("JRT_CACHE_FLAG");
        if (create.start().waitFor() != 0) {
            return;
        }
        run(sink, new String[][] {
            {"--root", root, "state", "train-light"},
            {"--root", root, "start", "train-light"},
            {"--root", root, "state", "train-light"},
            {"--root", root, "ps", "train-light"},
            {"--root", root, "events", "--stats", "train-light"},
            {"--root", root, "pause", "train-light"},
            {"--root", root, "resume", "train-light"},
            {"--root", root, "list", "--format", "json"},
            {"--root", root, "kill", "train-light", "TERM"},
            {"--root", root, "kill", "--all", "train-light", "KILL"},
            {"--root", root, "--log", dir.resolve("log.json").toString(), "--log-format", "json",
                "state", "train-light"},
            {"--root", root, "delete", "train-light"},
            {"--root", root, "delete", "--force", "train-light"},
        });
    }

    private static void run(PrintStream sink, String[][] commands) {
        for (String[] c : commands) {
            Main.run(c, sink, sink, new ByteArrayInputStream(new byte[0]), LinuxRuntime::new);
        }
    }

    @Override
    public int run(CommandContext ctx, dev.jrt.runtime.cli.ParsedArgs args) throws Exception {
        boolean light = args.positionals().equals(List.of("light"));
        Path dir = Files.createTempDirectory("jrt-train");
        try {
            String r = dir.resolve("state").toString();
            Path bundle = Files.createDirectories(dir.resolve("bundle"));
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
            if (light) {
                run(sink, new String[][] {
                    {"--root", r, "list"},
                    {"--root", r, "state", "missing"},
                    {"--root", r, "kill", "missing", "KILL"},
                    {"--root", r, "delete", "--force", "missing"},
                });
                if (realContainersPossible()) {
                    trainLightLifecycle(dir, r, sink);
                }
                return 0;
            }
            run(sink, new String[][] {
                {"--version"},
                {"spec", "--bundle", bundle.toString()},
                {"features"},
                // a valid config whose rootfs is missing: load, validate and plan, then fail cleanly
                {"--root", r, "--log", dir.resolve("log.json").toString(), "--log-format", "json",
                    "create", "--bundle", bundle.toString(), "train"},
                {"--root", r, "delete", "--force", "train"},
            });
            if (realContainersPossible()) {
                trainFullLifecycle(dir, r, sink);
            }
            return 0;
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
