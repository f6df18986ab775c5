package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.cli.Command;
import dev.jrt.runtime.cli.CommandContext;
import dev.jrt.runtime.cli.FlagSpec;
import dev.jrt.runtime.cli.ParsedArgs;
import dev.jrt.runtime.cli.UsageException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jrt.spec.json.BindException;
import dev.jrt.spec.json.TreeReader;
import dev.jrt.spec.model.LinuxBlockIo;
import dev.jrt.spec.model.LinuxCpu;
import dev.jrt.spec.model.LinuxMemory;
import dev.jrt.spec.model.LinuxPids;
import dev.jrt.spec.model.LinuxResources;
import dev.jrt.spec.model.ModelBinder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * update: change a live container's cgroup limits from runc's flags, or from a LinuxResources
 * JSON document (--resources FILE, or - for stdin), in which case the other flags are ignored,
 * as in runc. Values left out, and as in runc 0 for any number, leave the limit unchanged.
 */
public final class UpdateCommand implements Command {
    @Override
    public String name() {
        return "update";
    }

    @Override
    public String usage() {
        return "[--resources FILE|-] [--memory SIZE] [--memory-swap SIZE] [--memory-reservation SIZE]"
                + " [--cpu-share N] [--cpu-quota N] [--cpu-period N] [--cpu-rt-runtime N] [--cpu-rt-period N]"
                + " [--cpuset-cpus LIST] [--cpuset-mems LIST] [--pids-limit N] [--blkio-weight N] <container-id>";
    }

    @Override
    public List<FlagSpec> flags() {
        return List.of(FlagSpec.value("resources", "r"), FlagSpec.value("blkio-weight"), FlagSpec.value("cpu-period"),
                FlagSpec.value("cpu-quota"), FlagSpec.value("cpu-share"), FlagSpec.value("cpu-rt-period"),
                FlagSpec.value("cpu-rt-runtime"), FlagSpec.value("cpuset-cpus"), FlagSpec.value("cpuset-mems"),
                FlagSpec.value("memory"), FlagSpec.value("memory-reservation"), FlagSpec.value("memory-swap"),
                FlagSpec.value("kernel-memory"), FlagSpec.value("kernel-memory-tcp"), FlagSpec.value("pids-limit"),
                FlagSpec.value("l3-cache-schema"), FlagSpec.value("mem-bw-schema"), FlagSpec.bool("help", "h"));
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) throws IOException {
        CommandContext.expectArgs(name(), args, 1, 1, "1 argument (container id)");
        LinuxResources resources = args.has("resources") ? fromJson(ctx, args.value("resources")) : fromFlags(ctx, args);
        ctx.runtime().update(CommandContext.containerId(name(), args), unsetZeroPids(resources));
        return 0;
    }

    private static LinuxResources fromJson(CommandContext ctx, String source) throws IOException {
        JsonNode tree;
        try (InputStream in = source.equals("-") ? ctx.in() : Files.newInputStream(Path.of(source))) {
            tree = TreeReader.read(in.readAllBytes());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UsageException("update: --resources " + source + ": no such file or directory");
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new UsageException("update: --resources " + source + ": not a LinuxResources JSON document: "
                    + e.getOriginalMessage());
        }
        if (tree == null) {
            throw new UsageException("update: --resources " + source + ": not a LinuxResources JSON document: empty");
        }
        try {
            return ModelBinder.resources(tree);
        } catch (BindException e) {
            throw new UsageException("update: --resources " + source + ": not a LinuxResources JSON document: "
                    + (e.pointer().isEmpty() ? "" : e.pointer() + ": ") + e.getMessage());
        }
    }

    /** runc's update never writes a pids limit of 0: it reads 0 as "unchanged". */
    private static LinuxResources unsetZeroPids(LinuxResources r) {
        if (r == null || r.pids() == null || r.pids().limit() == null || r.pids().limit() != 0) {
            return r;
        }
        return new LinuxResources(r.devices(), r.memory(), r.cpu(), null, r.blockIo(), r.hugepageLimits(), r.network(),
                r.rdma(), r.unified());
    }

    private static LinuxResources fromFlags(CommandContext ctx, ParsedArgs a) {
        if (a.has("l3-cache-schema") || a.has("mem-bw-schema")) {
            throw new OciRuntimeException("update: --l3-cache-schema and --mem-bw-schema need Intel RDT, which jrt does"
                    + " not support");
        }
        if (a.has("kernel-memory") || a.has("kernel-memory-tcp")) {
            ctx.err().println("jrt: update: --kernel-memory and --kernel-memory-tcp are obsolete and ignored, as in runc");
        }
        LinuxMemory memory = new LinuxMemory(size(a, "memory"), size(a, "memory-reservation"), size(a, "memory-swap"),
                null, null, null, null, null, null);
        LinuxCpu cpu = new LinuxCpu(unsigned(a, "cpu-share"), signed(a, "cpu-quota"), null, unsigned(a, "cpu-period"),
                signed(a, "cpu-rt-runtime"), unsigned(a, "cpu-rt-period"), a.value("cpuset-cpus"), a.value("cpuset-mems"),
                null);
        Long pids = signed(a, "pids-limit");
        Long weight = unsigned(a, "blkio-weight");
        if (weight != null && (weight < 0 || weight > 65535)) {
            throw invalid("blkio-weight", a.value("blkio-weight"));
        }
        return new LinuxResources(null, memory, cpu, pids == null ? null : new LinuxPids(pids),
                weight == null ? null : new LinuxBlockIo(weight.intValue(), null, null, null, null, null, null),
                null, null, null, null);
    }

    /** A size such as 512m, or -1 for unlimited. */
    private static Long size(ParsedArgs a, String flag) {
        String v = a.value(flag);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.equals("-1")) {
            return -1L;
        }
        try {
            return ByteSize.parse(v);
        } catch (UsageException e) {
            throw new UsageException("invalid value for " + flag + ": " + e.getMessage());
        }
    }

    private static Long signed(ParsedArgs a, String flag) {
        String v = a.value(flag);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw invalid(flag, v);
        }
    }

    private static Long unsigned(ParsedArgs a, String flag) {
        String v = a.value(flag);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(v);
        } catch (NumberFormatException e) {
            throw invalid(flag, v);
        }
    }

    private static UsageException invalid(String flag, String value) {
        return new UsageException("invalid value \"" + value + "\" for flag -" + flag + ": parse error");
    }
}
