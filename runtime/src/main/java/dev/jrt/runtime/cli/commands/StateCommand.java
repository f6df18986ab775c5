package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.cli.CommandContext;

public final class StateCommand extends ContainerCommand {
    public StateCommand() {
        super("state");
    }

    @Override
    void run(CommandContext ctx, ContainerId id) {
        ctx.out().println(StateJson.indented(ctx.runtime().state(id)));
    }
}
