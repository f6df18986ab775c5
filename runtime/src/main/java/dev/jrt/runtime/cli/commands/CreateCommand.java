package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.api.CreateOptions;
import dev.jrt.runtime.cli.Command;
import dev.jrt.runtime.cli.CommandContext;
import dev.jrt.runtime.cli.FlagSpec;
import dev.jrt.runtime.cli.ParsedArgs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** create, and run (create + start + wait) which shares its flags. */
public final class CreateCommand implements Command {
    private final boolean run;

    public CreateCommand(boolean run) {
        this.run = run;
    }

    @Override
    public String name() {
        return run ? "run" : "create";
    }

    @Override
    public String usage() {
        return "[--bundle DIR] [--console-socket PATH] [--pid-file PATH] [--preserve-fds N]"
                + (run ? " [--detach]" : "") + " <container-id>";
    }

    @Override
    public List<FlagSpec> flags() {
        List<FlagSpec> f = new ArrayList<>(List.of(
                FlagSpec.value("bundle", "b"),
                FlagSpec.value("console-socket"),
                FlagSpec.value("pid-file"),
                FlagSpec.bool("no-pivot"),
                FlagSpec.bool("no-new-keyring"),
                FlagSpec.value("preserve-fds"),
                FlagSpec.bool("help", "h")));
        if (run) {
            f.add(FlagSpec.bool("detach", "d"));
            f.add(FlagSpec.bool("keep"));
            f.add(FlagSpec.bool("no-subreaper"));
        }
        return f;
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        CommandContext.expectArgs(name(), args, 1, 1, "1 argument (container id)");
        int preserveFds = args.intValue("preserve-fds", 0);
        if (preserveFds < 0) {
            throw new dev.jrt.runtime.cli.UsageException("--preserve-fds: must not be negative");
        }
        CreateOptions options = new CreateOptions(
                Path.of(args.value("bundle", ".")).toAbsolutePath().normalize(),
                pathOrNull(args.value("console-socket")),
                pathOrNull(args.value("pid-file")),
                args.bool("no-pivot"),
                args.bool("no-new-keyring"),
                preserveFds);
        if (!run) {
            ctx.runtime().create(CommandContext.containerId(name(), args), options);
            return 0;
        }
        return ctx.runtime().run(CommandContext.containerId(name(), args), options, args.bool("detach"));
    }

    private static Path pathOrNull(String s) {
        return s == null || s.isEmpty() ? null : Path.of(s).toAbsolutePath();
    }
}
