package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.cli.Command;
import dev.jrt.runtime.cli.CommandContext;
import dev.jrt.runtime.cli.FlagSpec;
import dev.jrt.runtime.cli.ParsedArgs;
import dev.jrt.runtime.Version;
import java.util.List;

/** jrt --version: jrt's version, the spec version, libseccomp's; with --debug the JVM it chose. */
public final class VersionCommand implements Command {
    @Override
    public String name() {
        return "version";
    }

    @Override
    public String usage() {
        return "";
    }

    @Override
    public List<FlagSpec> flags() {
        return List.of();
    }

    @Override
    public int run(CommandContext ctx, ParsedArgs args) {
        ctx.out().println("jrt version " + Version.JRT);
        ctx.out().println("spec: " + Version.OCI_SPEC);
        String seccomp = Version.libseccomp();
        if (seccomp != null) {
            ctx.out().println("libseccomp: " + seccomp);
        }
        if (ctx.global().bool("debug")) {
            ctx.out().println("java: " + System.getProperty("jrt.launcher.java", "java") + " ("
                    + System.getProperty("java.vm.name") + " " + Runtime.version() + ")");
            String cache = System.getProperty("jrt.launcher.cache", "none");
            ctx.out().println("class data: " + describe(cache));
        }
        return 0;
    }

    private static String describe(String cache) {
        if (cache.startsWith("-XX:AOTCache=")) {
            return "AOT cache " + cache.substring("-XX:AOTCache=".length());
        }
        if (cache.startsWith("-XX:SharedArchiveFile=")) {
            return "CDS archive " + cache.substring("-XX:SharedArchiveFile=".length());
        }
        return cache.equals("training") ? "training run" : "default JDK archive only";
    }
}
