package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.api.Signals;
import dev.jrt.runtime.cli.Command;
import dev.jrt.runtime.cli.CommandContext;
import dev.jrt.runtime.cli.FlagSpec;
import dev.jrt.runtime.cli.ParsedArgs;
import java.util.List;

public final class KillCommand implements Command {
    @Override
    public String name() {
        return "kill";
    }

    @Override
    public String usage() {
        return "[--all] <container-id> [signal]";
    }

    @Override
    public List<FlagSpec> flags() {
        return List.of(FlagSpec.bool("all", "a"), FlagSpec.value("pid", "p"), FlagSpec.bool("help", "h"));
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        CommandContext.expectArgs(name(), args, 1, 2, "1 or 2 arguments (container id, signal)");
        int signal = args.positionals().size() > 1 ? Signals.parse(args.positionals().get(1)) : Signals.SIGTERM;
        ctx.runtime().kill(CommandContext.containerId(name(), args), signal, args.bool("all"));
        return 0;
    }
}
