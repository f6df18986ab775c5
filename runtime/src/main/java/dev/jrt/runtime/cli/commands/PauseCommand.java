package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.cli.CommandContext;

/** pause and resume: freeze or thaw every process of the container. */
public final class PauseCommand extends ContainerCommand {
    private final boolean pause;

    public PauseCommand(boolean pause) {
        super(pause ? "pause" : "resume");
        this.pause = pause;
    }

    @Override
    void run(CommandContext ctx, ContainerId id) {
        if (pause) {
            ctx.runtime().pause(id);
        } else {
            ctx.runtime().resume(id);
        }
    }
}
