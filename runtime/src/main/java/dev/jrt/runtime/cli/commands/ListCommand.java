package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.api.ContainerInfo;
import dev.jrt.runtime.cli.Command;
import dev.jrt.runtime.cli.CommandContext;
import dev.jrt.runtime.cli.FlagSpec;
import dev.jrt.runtime.cli.ParsedArgs;
import dev.jrt.runtime.cli.UsageException;
import java.util.ArrayList;
import java.util.List;

public final class ListCommand implements Command {
    @Override
    public String name() {
        return "list";
    }

    @Override
    public String usage() {
        return "[--format table|json] [--quiet]";
    }

    @Override
    public List<FlagSpec> flags() {
        return List.of(FlagSpec.value("format", "f"), FlagSpec.bool("quiet", "q"), FlagSpec.bool("help", "h"));
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        CommandContext.expectArgs(name(), args, 0, 0, "no arguments");
        List<ContainerInfo> containers = ctx.runtime().list();
        if (args.bool("quiet")) {
            containers.forEach(c -> ctx.out().println(c.id()));
            return 0;
        }
        String format = args.value("format", "table");
        switch (format) {
            case "json" -> {
                ctx.out().println(StateJson.compactList(containers));
            }
            case "table" -> {
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"});
                for (ContainerInfo c : containers) {
                    rows.add(new String[] {c.id(), Integer.toString(c.pid()), c.status().wire(), c.bundle(),
                        c.created(), c.owner()});
                }
                ctx.out().print(Table.format(rows));
            }
            default -> throw new UsageException("list: invalid format \"" + format + "\" (allowed: table, json)");
        }
        return 0;
    }
}
