package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.api.ContainerNotFoundException;
import dev.jrt.runtime.api.IllegalStateTransitionException;
import dev.jrt.runtime.api.OciRuntime;
import dev.jrt.runtime.cgroups.CgroupStats;
import dev.jrt.runtime.cli.Command;
import dev.jrt.runtime.cli.CommandContext;
import dev.jrt.runtime.cli.FlagSpec;
import dev.jrt.runtime.cli.ParsedArgs;
import dev.jrt.runtime.cli.UsageException;
import java.time.Duration;
import java.util.List;

/**
 * events: with --stats one stats event and exit, as runc; otherwise a stats event every
 * --interval and an oom event whenever the kernel's OOM killer kills in the container (its
 * oom_kill counter is polled), until the container stops.
 */
public final class EventsCommand implements Command {
    /** How often the OOM counter is read between stats events. */
    private static final Duration OOM_POLL = Duration.ofMillis(200);

    @Override
    public String name() {
        return "events";
    }

    @Override
    public String usage() {
        return "[--stats] [--interval DURATION (default 5s)] <container-id>";
    }

    @Override
    public List<FlagSpec> flags() {
        return List.of(FlagSpec.value("interval"), FlagSpec.bool("stats"), FlagSpec.bool("help", "h"));
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) throws InterruptedException {
        CommandContext.expectArgs(name(), args, 1, 1, "1 argument (container id)");
        ContainerId id = CommandContext.containerId(name(), args);
        Duration interval = GoDuration.parse(args.value("interval", "5s"));
        if (interval.isNegative() || interval.isZero()) {
            throw new UsageException("events: --interval: duration interval must be greater than 0");
        }
        OciRuntime runtime = ctx.runtime();
        CgroupStats first = runtime.stats(id);
        if (args.bool("stats")) {
            ctx.out().println(StatsJson.stats(id.value(), first));
            ctx.out().flush();
            return 0;
        }
        watch(ctx, runtime, id, interval, first);
        return 0;
    }

    private static void watch(CommandContext ctx, OciRuntime runtime, ContainerId id, Duration interval, CgroupStats first)
            throws InterruptedException {
        long oomKills = first.oomKills();
        long nextStats = System.nanoTime() + interval.toNanos();
        long poll = Math.min(OOM_POLL.toNanos(), interval.toNanos());
        while (true) {
            Thread.sleep(Math.max(1, poll / 1_000_000));
            CgroupStats now;
            try {
                now = runtime.stats(id);
            } catch (IllegalStateTransitionException | ContainerNotFoundException e) {
                return; // the container stopped or was deleted: no more events
            }
            for (long i = oomKills; i < now.oomKills(); i++) {
                ctx.out().println(StatsJson.oom(id.value()));
            }
            oomKills = now.oomKills();
            if (System.nanoTime() - nextStats >= 0) {
                ctx.out().println(StatsJson.stats(id.value(), now));
                nextStats += interval.toNanos();
            }
            ctx.out().flush();
        }
    }
}
