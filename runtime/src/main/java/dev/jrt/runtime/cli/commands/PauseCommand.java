package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.cli.Command;
import dev.jrt.runtime.cli.CommandContext;
import dev.jrt.runtime.cli.FlagSpec;
import dev.jrt.runtime.cli.ParsedArgs;
import java.util.List;

/** pause and resume: freeze or thaw every process of the container. */
public final class PauseCommand implements Command {
    private final boolean pause;

    public PauseCommand(boolean pause) {
        this.pause = pause;
    }

    @Override
    public String name() {
        return pause ? "pause" : "resume";
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
        if (pause) {
            ctx.runtime().pause(CommandContext.containerId(name(), args));
        } else {
            ctx.runtime().resume(CommandContext.containerId(name(), args));
        }
        return 0;
    }
}
