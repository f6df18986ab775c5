package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.cli.Command;
import dev.jrt.runtime.cli.CommandContext;
import dev.jrt.runtime.cli.FlagSpec;
import dev.jrt.runtime.cli.Main;
import dev.jrt.runtime.cli.ParsedArgs;
import dev.jrt.runtime.container.LinuxRuntime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hidden: the training run behind a class-data archive ({@code jrt __train ROOT}, from
 * scripts/make-cds.sh). Runs in this JVM each command line read from stdin (arguments split at
 * spaces, {@code --root ROOT} put in front), with their output discarded, and nothing else: a
 * JDK 25 AOT cache loads every class the training loaded each time the JVM starts, so the
 * bundles and containers the commands need are made beforehand by the script.
 */
public final class TrainCommand implements Command {
    @Override
    public String name() {
        return "__train";
    }

    @Override
    public String usage() {
        return "<state root> < command lines";
    }

    @Override
    public List<FlagSpec> flags() {
        return List.of();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) throws IOException {
        CommandContext.expectArgs(name(), args, 1, 1, "1 argument (the state root)");
        String root = args.positionals().get(0);
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        for (String line : new String(System.in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            List<String> command = new ArrayList<>(List.of("--root", root));
            command.addAll(List.of(line.trim().split(" +")));
            Main.run(command.toArray(String[]::new), sink, sink, new ByteArrayInputStream(new byte[0]), LinuxRuntime::new);
        }
        return 0;
    }
}
