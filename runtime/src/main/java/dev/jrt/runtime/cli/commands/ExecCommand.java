package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.api.ExecOptions;
import dev.jrt.runtime.cli.Command;
import dev.jrt.runtime.cli.CommandContext;
import dev.jrt.runtime.cli.FlagSpec;
import dev.jrt.runtime.cli.ParsedArgs;
import dev.jrt.runtime.cli.UsageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** exec: run another process in a container; flags as runc's. Returns the process's exit status. */
public final class ExecCommand implements Command {
    @Override
    public String name() {
        return "exec";
    }

    @Override
    public String usage() {
        return "[--process FILE | flags] <container-id> [command [args...]]";
    }

    @Override
    public List<FlagSpec> flags() {
        return List.of(
                FlagSpec.value("console-socket"), FlagSpec.value("cwd"), FlagSpec.list("env", "e"),
                FlagSpec.bool("tty", "t"), FlagSpec.value("user", "u"), FlagSpec.list("additional-gids", "g"),
                FlagSpec.value("process", "p"), FlagSpec.bool("detach", "d"), FlagSpec.value("pid-file"),
                FlagSpec.value("process-label"), FlagSpec.value("apparmor"), FlagSpec.bool("no-new-privs"),
                FlagSpec.list("cap", "c"), FlagSpec.value("preserve-fds"), FlagSpec.list("cgroup"),
                FlagSpec.bool("ignore-paused"), FlagSpec.bool("help", "h"));
    }

    @Override
    public boolean stopAtFirstPositional() {
        return true;
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        if (args.positionals().isEmpty()) {
            throw new UsageException("exec: requires a container id");
        }
        int preserveFds = args.intValue("preserve-fds", 0);
        if (preserveFds < 0) {
            throw new UsageException("--preserve-fds: must not be negative");
        }
        List<String> gids = new ArrayList<>();
        for (String g : args.values("additional-gids")) {
            gids.addAll(List.of(g.split(",")));
        }
        List<String> command = args.positionals().subList(1, args.positionals().size());
        ExecOptions options = new ExecOptions(path(args.value("process")), List.copyOf(command), args.bool("tty"),
                path(args.value("console-socket")), args.bool("detach"), path(args.value("pid-file")),
                args.value("cwd"), args.values("env"), args.value("user"), gids, args.values("cap"),
                args.bool("no-new-privs"), args.value("apparmor"), args.value("process-label"), preserveFds,
                args.values("cgroup"), args.bool("ignore-paused"));
        return ctx.runtime().exec(CommandContext.containerId(name(), args), options);
    }

    private static Path path(String s) {
        return s == null || s.isEmpty() ? null : Path.of(s).toAbsolutePath();
    }
}
