package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.cli.Command;
import dev.jrt.runtime.cli.CommandContext;
import dev.jrt.runtime.cli.FlagSpec;
import dev.jrt.runtime.cli.Main;
import dev.jrt.runtime.container.LinuxRuntime;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Hidden: the training run behind the class-data archive (scripts/make-cds.sh). Runs, in one
 * JVM, the commands whose start-up matters, on throw-away inputs, without touching the host.
 */
public final class TrainCommand implements Command {
    @Override
    public String name() {
        return "__train";
    }

    @Override
    public String usage() {
        return "";
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

    private static void trainLifecycle(Path dir, String root, PrintStream sink) throws java.io.IOException {
        Path bundle = dir.resolve("busybox");
        Path bin = Files.createDirectories(bundle.resolve("rootfs/bin"));
        for (String d : new String[] {"proc", "dev", "tmp"}) {
            Files.createDirectories(bundle.resolve("rootfs").resolve(d));
        }
        Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
        Files.createSymbolicLink(bin.resolve("true"), Path.of("busybox"));
        Files.writeString(bundle.resolve("config.json"), """
                {"ociVersion": "1.0.2",
                 "process": {"args": ["/bin/true"], "env": ["PATH=/bin"], "cwd": "/",
                             "capabilities": {"bounding": ["CAP_KILL"], "effective": ["CAP_KILL"], "permitted": ["CAP_KILL"]},
                             "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024}], "noNewPrivileges": true},
                 "root": {"path": "rootfs", "readonly": true}, "hostname": "train",
                 "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"},
                            {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "mode=755"]}],
                 "linux": {"namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"},
                                          {"type": "mount"}],
                           "maskedPaths": ["/proc/kcore"], "readonlyPaths": ["/proc/sys"]}}
                """);
        String b = bundle.toString();
        String[][] commands = {
            {"--root", root, "run", "--bundle", b, "train-run"},
            {"--root", root, "create", "--bundle", b, "train-life"},
            {"--root", root, "state", "train-life"},
            {"--root", root, "start", "train-life"},
            {"--root", root, "kill", "train-life", "KILL"},
            {"--root", root, "delete", "--force", "train-life"},
        };
        for (String[] c : commands) {
            Main.run(c, sink, sink, new ByteArrayInputStream(new byte[0]), LinuxRuntime::new);
        }
    }

    @Override
    public int run(CommandContext ctx, dev.jrt.runtime.cli.ParsedArgs args) throws Exception {
        Path dir = Files.createTempDirectory("jrt-train");
        try {
            Path root = dir.resolve("state");
            Path bundle = dir.resolve("bundle");
            Files.createDirectories(bundle);
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
            String r = root.toString();
            String[][] commands = {
                {"--version"},
                {"spec", "--bundle", bundle.toString()},
                {"features"},
                {"--root", r, "list"},
                {"--root", r, "list", "--format", "json"},
                {"--root", r, "state", "missing"},
                // a valid config whose rootfs is missing: load, validate and plan, then fail cleanly
                {"--root", r, "--log", dir.resolve("log.json").toString(), "--log-format", "json",
                    "create", "--bundle", bundle.toString(), "train"},
                {"--root", r, "delete", "--force", "train"},
            };
            for (String[] c : commands) {
                Main.run(c, sink, sink, new ByteArrayInputStream(new byte[0]), LinuxRuntime::new);
            }
            if (realContainersPossible()) {
                trainLifecycle(dir, r, sink);
            }
            return 0;
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
