package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.cli.Command;
import dev.jrt.runtime.cli.CommandContext;
import dev.jrt.runtime.cli.FlagSpec;
import dev.jrt.runtime.cli.ParsedArgs;
import java.util.List;

/** features: the OCI features document (features.md) of this build. */
public final class FeaturesCommand implements Command {
    @Override
    public String name() {
        return "features";
    }

    @Override
    public String usage() {
        return "";
    }

    @Override
    public List<FlagSpec> flags() {
        return List.of(FlagSpec.bool("help", "h"));
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        CommandContext.expectArgs(name(), args, 0, 0, "no arguments");
        ctx.out().println(ctx.runtime().features().toJson());
        return 0;
    }
}
