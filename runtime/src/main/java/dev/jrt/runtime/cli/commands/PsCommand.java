package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.cli.Command;
import dev.jrt.runtime.cli.CommandContext;
import dev.jrt.runtime.cli.FlagSpec;
import dev.jrt.runtime.cli.ParsedArgs;
import dev.jrt.runtime.cli.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** ps: the container's host pids as JSON, or ps(1)'s table filtered to them, as runc does. */
public final class PsCommand implements Command {
    @Override
    public String name() {
        return "ps";
    }

    @Override
    public String usage() {
        return "[--format table|json] <container-id> [ps options]";
    }

    @Override
    public boolean stopAtFirstPositional() {
        return true;
    }

    @Override
    public List<FlagSpec> flags() {
        return List.of(FlagSpec.value("format", "f"), FlagSpec.bool("help", "h"));
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) throws IOException, InterruptedException {
        List<Integer> pids = ctx.runtime().pids(CommandContext.containerId(name(), args));
        String format = args.value("format", "table");
        if (format.equals("json")) {
            ctx.out().println(pids.toString().replace(" ", ""));
            return 0;
        }
        if (!format.equals("table")) {
            throw new UsageException("ps: invalid format \"" + format + "\" (allowed: table, json)");
        }
        List<String> psArgs = new ArrayList<>(List.of("ps"));
        List<String> extra = args.positionals().subList(1, args.positionals().size());
        psArgs.addAll(extra.isEmpty() ? List.of("-ef") : extra);
        Process ps = new ProcessBuilder(psArgs).redirectErrorStream(true).start();
        String output = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (ps.waitFor() != 0) {
            throw new OciRuntimeException(String.join(" ", psArgs) + " failed: " + output.trim());
        }
        String[] lines = output.split("\n");
        int pidColumn = List.of(lines[0].trim().split("\\s+")).indexOf("PID");
        if (pidColumn < 0) {
            throw new OciRuntimeException("couldn't find PID field in ps output");
        }
        Set<String> wanted = new HashSet<>();
        pids.forEach(p -> wanted.add(p.toString()));
        StringBuilder b = new StringBuilder(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].trim().split("\\s+");
            if (fields.length > pidColumn && wanted.contains(fields[pidColumn])) {
                b.append(lines[i]).append('\n');
            }
        }
        ctx.out().print(b);
        return 0;
    }
}
