package dev.jrt.runtime.plan;

import static dev.jrt.runtime.plan.Linux.*;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.spec.model.LinuxDevice;
import dev.jrt.spec.model.LinuxNamespace;
import dev.jrt.spec.model.PosixRlimit;
import dev.jrt.spec.model.Process;
import dev.jrt.spec.model.Spec;
import dev.jrt.spec.model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Turns a validated config into the ordered ops jrt-init performs (runc's order): namespaces;
 * root propagation and the rootfs bind; the config's mounts; devices; pivot_root; sysctls,
 * read-only and masked paths; hostname; terminal; rlimits, umask; personality, scheduler, I/O
 * priority; no_new_privs, seccomp (without NNP), descriptors, user, capabilities; cwd and the
 * executable check; seccomp (with NNP); READY and the wait for start; execve (SecurityPlanner).
 * Pure: the same input gives the same plan, and nothing here touches the kernel.
 */
public final class Planner {
    private Planner() {}

    public static ContainerPlan plan(PlanInput in) {
        Spec spec = in.spec();
        Process process = spec.process();
        PlanBuilder b = new PlanBuilder();
        boolean userns = enterNamespaces(b, spec);
        String rootfs = in.rootfs().toString();

        long rootPropagation = propagation(spec);
        b.add("/linux/rootfsPropagation", new Op.SetPropagation("/", rootPropagation));
        b.add("/root/path", new Op.Mount(rootfs, rootfs, false, null, MS_BIND | MS_REC, null, Op.Create.NONE));
        MountPlanner.plan(b, spec, in.bundle());
        devices(b, spec, userns);
        if (process != null && process.cwd() != null) {
            b.add("/process/cwd", new Op.Mkdir(process.cwd(), 0755));
        }
        HookPlanner.beforePivot(b, in);
        b.add("/root/path", new Op.PivotRoot(rootfs, in.noPivot()));
        if (spec.linux() != null && spec.linux().rootfsPropagation() != null
                && !spec.linux().rootfsPropagation().isEmpty()) {
            // pivot_root needs a private parent; the root mount gets the asked propagation afterwards
            b.add("/linux/rootfsPropagation", new Op.SetPropagation("/", propagation(spec)));
        }

        afterPivot(b, spec);
        if (process == null) {
            throw new OciRuntimeException("config.json: /process: required to create a container");
        }
        processSetup(b, process, in);
        return b.build(in.fds());
    }

    /** Op 0. Returns whether the container gets a new user namespace. */
    private static boolean enterNamespaces(PlanBuilder b, Spec spec) {
        List<Op.EnterNamespaces.Join> joins = new ArrayList<>();
        long flags = 0;
        boolean newUser = false;
        boolean mountNs = false;
        List<LinuxNamespace> namespaces = spec.linux() == null || spec.linux().namespaces() == null
                ? List.of() : spec.linux().namespaces();
        // join the user namespace first: it owns the others, and entering it grants the rights to join them
        for (LinuxNamespace ns : namespaces) {
            if (ns.type().equals("user") && ns.joins()) {
                joins.add(new Op.EnterNamespaces.Join(CLONE_NEWUSER, ns.path()));
            }
        }
        for (LinuxNamespace ns : namespaces) {
            long flag = NAMESPACE_FLAGS.get(ns.type());
            mountNs |= flag == CLONE_NEWNS;
            if (ns.joins()) {
                if (flag != CLONE_NEWUSER) {
                    joins.add(new Op.EnterNamespaces.Join(flag, ns.path()));
                }
            } else if (flag == CLONE_NEWUSER) {
                newUser = true;
            } else {
                flags |= flag;
            }
        }
        if (!mountNs) {
            throw new OciRuntimeException("config.json: /linux/namespaces: a mount namespace is required"
                    + " (jrt never changes the host's mount table)");
        }
        b.add("/linux/namespaces", new Op.EnterNamespaces(joins, newUser, flags, timeOffsets(spec)));
        return newUser || namespaces.stream().anyMatch(n -> n.type().equals("user"));
    }

    private static String timeOffsets(Spec spec) {
        if (spec.linux() == null || spec.linux().timeOffsets() == null || spec.linux().timeOffsets().isEmpty()) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        new TreeMap<>(spec.linux().timeOffsets()).forEach((clock, off) -> s.append(clock).append(' ')
                .append(off.secs() == null ? 0 : off.secs()).append(' ')
                .append(off.nanosecs() == null ? 0 : off.nanosecs()).append('\n'));
        return s.toString();
    }

    private static long propagation(Spec spec) {
        String p = spec.linux() == null ? null : spec.linux().rootfsPropagation();
        if (p == null || p.isEmpty()) {
            return MS_SLAVE | MS_REC; // runc's default: see host mount events, send none back
        }
        MountOptions o = MountOptions.parse(List.of(p));
        return o.propagation() | MS_REC;
    }

    private static void devices(PlanBuilder b, Spec spec, boolean userns) {
        for (DefaultDevices.Device d : DefaultDevices.DEVICES) {
            device(b, "/linux/devices", d.path(), S_IFCHR | 0666, d.major(), d.minor(), 0, 0, userns);
        }
        List<LinuxDevice> devices = spec.linux() == null || spec.linux().devices() == null
                ? List.of() : spec.linux().devices();
        for (int i = 0; i < devices.size(); i++) {
            LinuxDevice d = devices.get(i);
            int type = switch (d.type()) {
                case "b" -> S_IFBLK;
                case "p" -> S_IFIFO;
                default -> S_IFCHR;
            };
            int mode = type | (d.fileMode() == null ? 0666 : (int) (d.fileMode() & 07777));
            device(b, "/linux/devices/" + i, d.path(), mode, d.major() == null ? 0 : d.major().intValue(),
                    d.minor() == null ? 0 : d.minor().intValue(), d.uid() == null ? 0 : d.uid().intValue(),
                    d.gid() == null ? 0 : d.gid().intValue(), userns);
        }
        for (String[] link : DefaultDevices.LINKS) {
            b.add("/linux/devices", new Op.Symlink(link[1], link[0]));
        }
    }

    private static void device(PlanBuilder b, String source, String path, int mode, int major, int minor,
                               int uid, int gid, boolean userns) {
        if (userns) {
            b.add(source, new Op.BindDevice(path, path)); // a user namespace may not mknod
        } else {
            b.add(source, new Op.Mknod(path, mode, major, minor, uid, gid));
        }
    }

    private static void afterPivot(PlanBuilder b, Spec spec) {
        dev.jrt.spec.model.Linux linux = spec.linux();
        if (linux != null && linux.sysctl() != null) {
            new TreeMap<>(linux.sysctl()).forEach((key, value) -> b.add("/linux/sysctl/" + key,
                    new Op.WriteFile("/proc/sys/" + key.replace('.', '/'), value.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
        if (linux != null && linux.readonlyPaths() != null) {
            for (int i = 0; i < linux.readonlyPaths().size(); i++) {
                b.add("/linux/readonlyPaths/" + i, new Op.ReadonlyPath(linux.readonlyPaths().get(i)));
            }
        }
        if (linux != null && linux.maskedPaths() != null) {
            for (int i = 0; i < linux.maskedPaths().size(); i++) {
                b.add("/linux/maskedPaths/" + i, new Op.MaskPath(linux.maskedPaths().get(i)));
            }
        }
        if (spec.hostname() != null && !spec.hostname().isEmpty()) {
            b.add("/hostname", new Op.SetHostname(spec.hostname()));
        }
        if (spec.domainname() != null && !spec.domainname().isEmpty()) {
            b.add("/domainname", new Op.SetDomainname(spec.domainname()));
        }
        if (spec.root() != null && Boolean.TRUE.equals(spec.root().readonly())) {
            b.add("/root/readonly", new Op.ReadonlyRoot());
        }
    }

    private static void processSetup(PlanBuilder b, Process process, PlanInput in) {
        b.add("/process", new Op.Setsid());
        if (Boolean.TRUE.equals(process.terminal())) {
            if (in.consoleSlot() < 0) {
                throw new OciRuntimeException("config.json: /process/terminal: a terminal needs --console-socket");
            }
            int rows = process.consoleSize() == null ? 0 : process.consoleSize().height().intValue();
            int cols = process.consoleSize() == null ? 0 : process.consoleSize().width().intValue();
            b.add("/process/terminal", new Op.Console(in.consoleSlot(), rows, cols));
        }
        List<PosixRlimit> rlimits = process.rlimits() == null ? List.of() : process.rlimits();
        for (int i = 0; i < rlimits.size(); i++) {
            PosixRlimit r = rlimits.get(i);
            b.add("/process/rlimits/" + i, new Op.Setrlimit(Rlimits.number(r.type()), r.soft(), r.hard()));
        }
        User user = process.user();
        if (user != null && user.umask() != null) {
            b.add("/process/user/umask", new Op.Umask(user.umask().intValue()));
        }
        SecurityPlanner.early(b, in.spec());
        // runc's order: privileges go, then the cwd and the executable are checked as the container's user
        SecurityPlanner.privileges(b, in.spec(), in.security(), 3 + in.preserveFds());
        b.add("/process/cwd", new Op.Chdir(process.cwd() == null ? "/" : process.cwd()));
        List<String> env = process.env() == null ? List.of() : process.env();
        b.add("/process/args/0", new Op.FindExecutable(process.args().get(0), pathVariable(env)));
        SecurityPlanner.last(b, in.spec(), in.security());
        b.add("/process", new Op.Ready());
        HookPlanner.waitStart(b, in);
        HookPlanner.beforeExec(b, in);
        b.add("/process/args", new Op.Exec(process.args(), env));
    }

    /** PATH from the process's environment, or the default runc searches when it has none. */
    static String pathVariable(List<String> env) {
        for (String e : env) {
            if (e.startsWith("PATH=")) {
                return e.substring(5);
            }
        }
        return "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    }

}
