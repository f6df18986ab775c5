package dev.jrt.runtime.cli;

import dev.jrt.runtime.cli.commands.CreateCommand;
import dev.jrt.runtime.cli.commands.DeleteCommand;
import dev.jrt.runtime.cli.commands.ExecCommand;
import dev.jrt.runtime.cli.commands.EventsCommand;
import dev.jrt.runtime.cli.commands.FeaturesCommand;
import dev.jrt.runtime.cli.commands.KillCommand;
import dev.jrt.runtime.cli.commands.ListCommand;
import dev.jrt.runtime.cli.commands.PauseCommand;
import dev.jrt.runtime.cli.commands.PsCommand;
import dev.jrt.runtime.cli.commands.SpecCommand;
import dev.jrt.runtime.cli.commands.StartCommand;
import dev.jrt.runtime.cli.commands.StateCommand;
import dev.jrt.runtime.cli.commands.TrainCommand;
import dev.jrt.runtime.cli.commands.UpdateCommand;
import dev.jrt.runtime.cli.commands.VersionCommand;
import java.util.List;

/** The command table, like crun's commands[]. */
public final class Commands {
    static final Command VERSION = new VersionCommand();

    private static final List<Command> ALL = List.of(
            new CreateCommand(false),
            new StartCommand(),
            new StateCommand(),
            new KillCommand(),
            new DeleteCommand(),
            new CreateCommand(true),
            new ListCommand(),
            new PsCommand(),
            new PauseCommand(true),
            new PauseCommand(false),
            new ExecCommand(),
            new UpdateCommand(),
            new EventsCommand(),
            new FeaturesCommand(),
            new SpecCommand(),
            VERSION,
            new TrainCommand());

    private Commands() {}

    static Command find(String name) {
        for (Command c : ALL) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    static String help() {
        StringBuilder b = new StringBuilder("usage: jrt [global flags] <command> [flags] [arguments]\n\n"
                + "global flags: --root DIR (default /run/jrt), --log FILE, --log-format text|json, --debug,\n"
                + "              --systemd-cgroup, --version\n\ncommands:\n");
        for (Command c : ALL) {
            if (!c.name().startsWith("__")) {
                b.append("  ").append(c.name()).append(' ').append(c.usage()).append('\n');
            }
        }
        return b.toString();
    }
}
