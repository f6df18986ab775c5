package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.cli.Command;
import dev.jrt.runtime.cli.CommandContext;
import dev.jrt.runtime.cli.FlagSpec;
import dev.jrt.runtime.cli.ParsedArgs;
import java.util.List;

/**
 * A runc command jrt does not implement yet: it accepts runc's flags, so that the error is
 * about the missing feature rather than the command line, and fails clearly.
 */
public final class PendingCommand implements Command {
    private final String name;
    private final List<FlagSpec> flags;

    public PendingCommand(String name, List<FlagSpec> flags) {
        this.name = name;
        this.flags = flags;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String usage() {
        return "(not implemented yet)";
    }

    @Override
    public List<FlagSpec> flags() {
        return flags;
    }

    @Override
    public boolean stopAtFirstPositional() {
        return true;
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        throw new OciRuntimeException(name + ": not implemented yet in this version of jrt");
    }
}
