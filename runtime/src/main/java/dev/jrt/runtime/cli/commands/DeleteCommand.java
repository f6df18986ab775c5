package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.cli.Command;
import dev.jrt.runtime.cli.CommandContext;
import dev.jrt.runtime.cli.FlagSpec;
import dev.jrt.runtime.cli.ParsedArgs;
import java.util.List;

public final class DeleteCommand implements Command {
    @Override
    public String name() {
        return "delete";
    }

    @Override
    public String usage() {
        return "[--force] <container-id>";
    }

    @Override
    public List<FlagSpec> flags() {
        return List.of(FlagSpec.bool("force", "f"), FlagSpec.bool("help", "h"));
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        CommandContext.expectArgs(name(), args, 1, 1, "1 argument (container id)");
        ctx.runtime().delete(CommandContext.containerId(name(), args), args.bool("force"));
        return 0;
    }
}
