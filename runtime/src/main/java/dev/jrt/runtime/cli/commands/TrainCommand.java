package dev.jrt.runtime.cli.commands;

import dev.jrt.runtime.cli.Command;
import dev.jrt.runtime.cli.CommandContext;
import dev.jrt.runtime.cli.FlagSpec;
import dev.jrt.runtime.cli.Main;
import dev.jrt.runtime.container.LinuxRuntime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Hidden: the training runs behind the class-data archives (scripts/make-cds.sh). Runs, in one
 * JVM, the commands of one group, on throw-away inputs, without touching the host. A JDK 25 AOT
 * cache loads every class it holds when the JVM starts, so the commands an engine calls for
 * every container each get an archive of only what they use:
 * <ul>
 * <li>{@code light}: state, start, kill and delete, which never load a config;
 * <li>{@code create}: create and run;
 * <li>{@code exec}: exec;
 * <li>{@code full}: every command, for the others (list, ps, events, update, spec, ...).
 * </ul>
 * A container that a group needs but does not train is made or removed by another jrt process.
 */
public final class TrainCommand implements Command {
    @Override
    public String name() {
        return "__train";
    }

    @Override
    public String usage() {
        return "light|create|exec|full";
    }

    @Override
    public List<FlagSpec> flags() {
        return List.of();
    }

    /** As root, with busybox and the built executor, a real container lifecycle is trained too. */
    private static boolean realContainersPossible() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/bin/busybox"))
                && Files.isExecutable(LinuxRuntime.defaultInitBinary());
    }

    /**
     * A bundle of busybox whose process is {@code args} (a JSON array), in a directory {@code name},
     * configured much as engines configure theirs: namespaces, the usual mounts, a cgroup with
     * limits, a seccomp filter.
     */
    private static Path busyboxBundle(Path dir, String name, String args) throws IOException {
        Path bundle = dir.resolve(name);
        Path bin = Files.createDirectories(bundle.resolve("rootfs/bin"));
        for (String d : new String[] {"proc", "dev", "sys", "tmp"}) {
            Files.createDirectories(bundle.resolve("rootfs").resolve(d));
        }
        Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
        for (String applet : new String[] {"true", "sleep"}) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        Files.writeString(bundle.resolve("config.json"), """
                {"ociVersion": "1.0.2",
                 "process": {"args": %s, "env": ["PATH=/bin"], "cwd": "/",
                             "capabilities": {"bounding": ["CAP_KILL"], "effective": ["CAP_KILL"], "permitted": ["CAP_KILL"]},
                             "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024}], "noNewPrivileges": true},
                 "root": {"path": "rootfs", "readonly": true}, "hostname": "train",
                 "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"},
                            {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "mode=755"]},
                            {"destination": "/dev/pts", "type": "devpts", "source": "devpts",
                             "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"]},
                            {"destination": "/dev/shm", "type": "tmpfs", "source": "shm", "options": ["nosuid", "nodev", "size=65536k"]},
                            {"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]}],
                 "linux": {"namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"},
                                          {"type": "mount"}],
                           "cgroupsPath": "/jrt-train-%s",
                           "resources": {"memory": {"limit": 67108864}, "pids": {"limit": 100}},
                           "seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64"],
                                       "syscalls": [{"names": ["kexec_load"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}]},
                           "maskedPaths": ["/proc/kcore"], "readonlyPaths": ["/proc/sys"]}}
                """.formatted(args, name + "-" + ProcessHandle.current().pid()));
        return bundle;
    }

    private static void trainCreate(Path dir, String root, PrintStream sink) throws IOException {
        String t = busyboxBundle(dir, "run", "[\"/bin/true\"]").toString();
        String b = busyboxBundle(dir, "create", "[\"/bin/sleep\", \"30\"]").toString();
        run(sink, new String[][] {
            {"--root", root, "run", "--bundle", t, "train-run"},
            {"--root", root, "--log", dir.resolve("log.json").toString(), "--log-format", "json",
                "create", "--bundle", b, "--pid-file", dir.resolve("pid").toString(), "train-create"},
        });
        jrt(root, "delete", "--force", "train-create");
    }

    private static void trainExec(Path dir, String root, PrintStream sink) throws IOException {
        String b = busyboxBundle(dir, "exec", "[\"/bin/sleep\", \"30\"]").toString();
        if (!jrt(root, "run", "--detach", "--bundle", b, "train-exec")) {
            return;
        }
        run(sink, new String[][] {
            {"--root", root, "exec", "train-exec", "/bin/true"},
            {"--root", root, "--log", dir.resolve("log.json").toString(), "--log-format", "json",
                "exec", "--pid-file", dir.resolve("exec.pid").toString(), "train-exec", "/bin/true"},
        });
        jrt(root, "delete", "--force", "train-exec");
    }

    private static void trainLight(Path dir, String root, PrintStream sink) throws IOException {
        String b = busyboxBundle(dir, "light", "[\"/bin/sleep\", \"30\"]").toString();
        if (!jrt(root, "create", "--bundle", b, "train-light")) {
            return;
        }
        run(sink, new String[][] {
            {"--root", root, "state", "train-light"},
            {"--root", root, "start", "train-light"},
            {"--root", root, "state", "train-light"},
            {"--root", root, "kill", "train-light", "TERM"},
            {"--root", root, "kill", "--all", "train-light", "KILL"},
            {"--root", root, "--log", dir.resolve("log.json").toString(), "--log-format", "json",
                "state", "train-light"},
            {"--root", root, "delete", "train-light"},
            {"--root", root, "delete", "--force", "train-light"},
        });
    }

    /** The commands the full archive alone covers, on a container another jrt made. */
    private static void trainOthers(Path dir, String root, PrintStream sink) throws IOException {
        String b = busyboxBundle(dir, "others", "[\"/bin/sleep\", \"30\"]").toString();
        if (!jrt(root, "run", "--detach", "--bundle", b, "train-others")) {
            return;
        }
        run(sink, new String[][] {
            {"--root", root, "ps", "train-others"},
            {"--root", root, "events", "--stats", "train-others"},
            {"--root", root, "pause", "train-others"},
            {"--root", root, "resume", "train-others"},
            {"--root", root, "list", "--format", "json"},
            {"--root", root, "update", "--pids-limit", "100", "train-others"},
        });
        jrt(root, "delete", "--force", "train-others");
    }

    /**
     * Runs another jrt, with its own archives, so that what it does stays out of this training;
     * true if it succeeded.
     */
    private static boolean jrt(String root, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("jrt.home", "."), "bin", "jrt").toString(), "--root", root));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("JRT_CACHE_FLAG");
        try {
            return pb.start().waitFor() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(PrintStream sink, String[][] commands) {
        for (String[] c : commands) {
            Main.run(c, sink, sink, new ByteArrayInputStream(new byte[0]), LinuxRuntime::new);
        }
    }

    @Override
    public int run(CommandContext ctx, dev.jrt.runtime.cli.ParsedArgs args) throws Exception {
        String group = args.positionals().size() == 1 ? args.positionals().get(0) : "";
        Path dir = Files.createTempDirectory("jrt-train");
        try {
            String r = dir.resolve("state").toString();
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
            boolean real = realContainersPossible();
            switch (group) {
                case "light" -> {
                    run(sink, new String[][] {
                        {"--root", r, "state", "missing"},
                        {"--root", r, "kill", "missing", "KILL"},
                        {"--root", r, "delete", "--force", "missing"},
                    });
                    if (real) {
                        trainLight(dir, r, sink);
                    }
                }
                case "create" -> {
                    trainFailedCreate(dir, r, sink);
                    if (real) {
                        trainCreate(dir, r, sink);
                    }
                }
                case "exec" -> {
                    if (real) {
                        trainExec(dir, r, sink);
                    }
                }
                case "full" -> {
                    run(sink, new String[][] {
                        {"--version"},
                        {"spec", "--bundle", Files.createDirectories(dir.resolve("spec")).toString()},
                        {"features"},
                        {"--root", r, "list"},
                    });
                    trainFailedCreate(dir, r, sink);
                    if (real) {
                        trainCreate(dir, r, sink);
                        trainExec(dir, r, sink);
                        trainLight(dir, r, sink);
                        trainOthers(dir, r, sink);
                    }
                }
                default -> throw new IllegalArgumentException("__train: want one of " + usage());
            }
            return 0;
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A valid config whose rootfs is missing: load, validate and plan, then fail cleanly. */
    private static void trainFailedCreate(Path dir, String root, PrintStream sink) throws IOException {
        Path bundle = busyboxBundle(dir, "no-rootfs", "[\"/bin/true\"]");
        try (var walk = Files.walk(bundle.resolve("rootfs"))) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        run(sink, new String[][] {
            {"--root", root, "--log", dir.resolve("log.json").toString(), "--log-format", "json",
                "create", "--bundle", bundle.toString(), "train"},
        });
    }
}
