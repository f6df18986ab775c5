package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.cli.Command;
import dev.jrt.runtime.cli.CommandContext;
import dev.jrt.runtime.cli.FlagSpec;
import dev.jrt.runtime.cli.ParsedArgs;
import java.util.List;

public final class StateCommand implements Command {
    @Override
    public String name() {
        return "state";
    }

    @Override
    public String usage() {
        return "<container-id>";
    }

    @Override
    public List<FlagSpec> flags() {
        return List.of(FlagSpec.bool("help", "h"));
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        CommandContext.expectArgs(name(), args, 1, 1, "1 argument (container id)");
        ctx.out().println(StateJson.indented(ctx.runtime().state(CommandContext.containerId(name(), args))));
        return 0;
    }
}
