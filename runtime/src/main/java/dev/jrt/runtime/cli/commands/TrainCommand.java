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
            return 0;
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
