package dev.jrt.runtime.plan;

import static dev.jrt.runtime.plan.Linux.*;

import dev.jrt.spec.model.LinuxNamespace;
import dev.jrt.spec.model.PosixRlimit;
import dev.jrt.spec.model.Process;
import dev.jrt.spec.model.Spec;
import dev.jrt.spec.model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plan of `jrt exec`: join every namespace the container has (through the init's
 * /proc/PID/ns links, user first), then the process set-up of a create plan without the root
 * filesystem steps (setns(mnt) already put the process at the container's root, and every path
 * resolves there), without Ready and without waiting for start.
 */
public final class ExecPlanner {
    /** /proc/PID/ns/ names of the namespace types, in the order they are joined after user. */
    private static final Map<String, String> NS_FILES = Map.of("ipc", "ipc", "uts", "uts", "network", "net",
            "pid", "pid", "time", "time", "cgroup", "cgroup", "mount", "mnt");
    private static final List<String> JOIN_ORDER = List.of("ipc", "uts", "network", "pid", "time", "cgroup", "mount");

    private ExecPlanner() {}

    /**
     * @param spec        the container's config (for its namespaces)
     * @param process     the process to run
     * @param initPid     the container's init, whose namespaces the process joins
     * @param consoleSlot descriptor slot of the console socket, -1 without a terminal
     * @param security    the container's compiled seccomp program and host security facts
     */
    public static ContainerPlan plan(Spec spec, Process process, int initPid, List<Integer> fds, int consoleSlot,
                                     int preserveFds, SecurityInput security) {
        PlanBuilder b = new PlanBuilder();
        b.add("/linux/namespaces", new Op.EnterNamespaces(joins(spec, initPid), false, 0, null));
        // the process has joined the container's cgroup, whose cpuset reset its affinity (the
        // initial one is set by the caller before the join: initialCpuAffinity)
        String last = process.execCpuAffinity() == null ? null : process.execCpuAffinity().finalCpus();
        if (last != null && !last.isEmpty()) {
            b.add("/process/execCPUAffinity/final", new Op.CpuAffinity(CpuList.parse("/process/execCPUAffinity/final", last)));
        }
        b.add("/process", new Op.Setsid());
        if (Boolean.TRUE.equals(process.terminal())) {
            if (consoleSlot < 0) {
                throw new dev.jrt.runtime.api.OciRuntimeException("--tty: a terminal needs --console-socket");
            }
            int rows = process.consoleSize() == null ? 0 : process.consoleSize().height().intValue();
            int cols = process.consoleSize() == null ? 0 : process.consoleSize().width().intValue();
            b.add("/process/terminal", new Op.Console(consoleSlot, rows, cols));
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
        // the container's own security settings, in runc's order, with the exec'd process in place of
        // the init's: the same seccomp filter, capabilities and user as the process file says
        Spec execSpec = spec.withProcess(process);
        SecurityPlanner.early(b, execSpec);
        SecurityPlanner.privileges(b, execSpec, security, 3 + preserveFds);
        b.add("/process/cwd", new Op.Chdir(process.cwd()));
        List<String> env = process.env() == null ? List.of() : process.env();
        b.add("/process/args/0", new Op.FindExecutable(process.args().get(0), Planner.pathVariable(env)));
        SecurityPlanner.last(b, execSpec, security);
        b.add("/process/args", new Op.Exec(process.args(), env));
        return b.build(fds);
    }

    /** execCPUAffinity.initial as a mask for the process before it joins the cgroup, or null. */
    public static byte[] initialCpuAffinity(Process process) {
        String initial = process.execCpuAffinity() == null ? null : process.execCpuAffinity().initialCpus();
        return initial == null || initial.isEmpty() ? null : CpuList.parse("/process/execCPUAffinity/initial", initial);
    }

    private static List<Op.EnterNamespaces.Join> joins(Spec spec, int initPid) {
        List<LinuxNamespace> namespaces = spec.linux() == null || spec.linux().namespaces() == null
                ? List.of() : spec.linux().namespaces();
        List<String> types = namespaces.stream().map(LinuxNamespace::type).toList();
        String proc = "/proc/" + initPid + "/ns/";
        List<Op.EnterNamespaces.Join> joins = new ArrayList<>();
        if (types.contains("user")) {
            joins.add(new Op.EnterNamespaces.Join(CLONE_NEWUSER, proc + "user"));
        }
        for (String type : JOIN_ORDER) {
            if (types.contains(type)) {
                joins.add(new Op.EnterNamespaces.Join(NAMESPACE_FLAGS.get(type), proc + NS_FILES.get(type)));
            }
        }
        return joins;
    }
}
