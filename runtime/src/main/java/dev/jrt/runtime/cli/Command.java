package dev.jrt.runtime.cli;

import java.util.List;

/** One CLI command: its flags, and parse -> one library call -> print -> exit status. */
public interface Command {

    String name();

    String usage();

    List<FlagSpec> flags();

    /** Whether flag parsing stops at the first positional argument (exec's command line). */
    default boolean stopAtFirstPositional() {
        return false;
    }

    int run(CommandContext ctx, ParsedArgs args) throws Exception;
}
