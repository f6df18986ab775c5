package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.cli.Command;
import dev.jrt.runtime.cli.CommandContext;
import dev.jrt.runtime.cli.FlagSpec;
import dev.jrt.runtime.cli.ParsedArgs;
import java.util.List;

/** A command whose only argument is a container id: start, state, pause, resume. */
abstract class ContainerCommand implements Command {
    private final String name;

    ContainerCommand(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String usage() {
        return "<container-id>";
    }

    @Override
    public final List<FlagSpec> flags() {
        return List.of(FlagSpec.bool("help", "h"));
    }

    @Override
    public final int run(CommandContext ctx, ParsedArgs args) {
        CommandContext.expectArgs(name, args, 1, 1, "1 argument (container id)");
        run(ctx, CommandContext.containerId(name, args));
        return 0;
    }

    abstract void run(CommandContext ctx, ContainerId id);
}
