package dev.jrt.runtime.cli;

import java.util.List;

/** runc's global flags, which come before the command name. */
public final class GlobalOptions {
    static final List<FlagSpec> FLAGS = List.of(
            FlagSpec.value("root"),
            FlagSpec.value("log"),
            FlagSpec.value("log-format"),
            FlagSpec.bool("debug"),
            FlagSpec.bool("systemd-cgroup"),
            FlagSpec.value("rootless"),
            FlagSpec.value("criu"),
            FlagSpec.bool("help", "h"),
            FlagSpec.bool("version", "v"));

    private GlobalOptions() {}

    /** Index of the command name: the first argument that is not a global flag or its value. */
    static int commandIndex(List<String> args) {
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i);
            if (!a.startsWith("-") || a.equals("-") || a.equals("--")) {
                return i;
            }
            String name = a.replaceFirst("^--?", "");
            if (name.contains("=")) {
                i++;
                continue;
            }
            FlagSpec spec = FLAGS.stream().filter(f -> f.matches(name)).findFirst().orElse(null);
            i += spec != null && spec.takesValue() ? 2 : 1;
        }
        return args.size();
    }
}
