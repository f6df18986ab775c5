package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.cli.Command;
import dev.jrt.runtime.cli.CommandContext;
import dev.jrt.runtime.cli.FlagSpec;
import dev.jrt.runtime.cli.ParsedArgs;
import dev.jrt.spec.ConfigLoader;
import dev.jrt.spec.defaults.DefaultSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** spec: writes a default config.json, as safe as runc's; never overwrites one. */
public final class SpecCommand implements Command {
    @Override
    public String name() {
        return "spec";
    }

    @Override
    public String usage() {
        return "[--bundle DIR] [--rootless]";
    }

    @Override
    public List<FlagSpec> flags() {
        return List.of(FlagSpec.value("bundle", "b"), FlagSpec.bool("rootless"), FlagSpec.bool("help", "h"));
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        CommandContext.expectArgs(name(), args, 0, 0, "no arguments");
        Path config = Path.of(args.value("bundle", ".")).resolve("config.json");
        String json = ConfigLoader.write(args.bool("rootless")
                ? DefaultSpec.rootless(callerId("Uid:"), callerId("Gid:"))
                : DefaultSpec.spec());
        try {
            Files.writeString(config, json, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new OciRuntimeException("spec: " + config + " exists; remove it first");
        } catch (IOException e) {
            throw new OciRuntimeException("spec: write " + config + ": " + e.getMessage(), e);
        }
        return 0;
    }

    /** The real uid or gid of this process, from /proc/self/status. */
    private static long callerId(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            throw new OciRuntimeException("read /proc/self/status: " + e.getMessage(), e);
        }
        throw new OciRuntimeException("/proc/self/status has no " + field + " line");
    }
}
