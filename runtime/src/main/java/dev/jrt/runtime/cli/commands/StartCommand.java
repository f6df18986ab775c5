package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.cli.CommandContext;

public final class StartCommand extends ContainerCommand {
    public StartCommand() {
        super("start");
    }

    @Override
    void run(CommandContext ctx, ContainerId id) {
        ctx.runtime().start(id);
    }
}
