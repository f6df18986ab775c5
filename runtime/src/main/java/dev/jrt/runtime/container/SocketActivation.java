package dev.jrt.runtime.container;

import dev.jrt.spec.model.Process;
import dev.jrt.spec.model.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * systemd socket activation passed through, as runc does: when jrt itself was started with
 * LISTEN_FDS=n for its own pid, descriptors 3..3+n-1 go to the container (ahead of any
 * --preserve-fds ones) and the process gets LISTEN_FDS=n and LISTEN_PID=1.
 */
record SocketActivation(int listenFds) {

    static SocketActivation fromEnvironment(Map<String, String> env, long ownPid) {
        String fds = env.get("LISTEN_FDS");
        String pid = env.get("LISTEN_PID");
        if (fds == null || pid == null || !pid.trim().equals(Long.toString(ownPid))) {
            return new SocketActivation(0);
        }
        try {
            return new SocketActivation(Math.max(0, Integer.parseInt(fds.trim())));
        } catch (NumberFormatException e) {
            return new SocketActivation(0);
        }
    }

    /** The spec with LISTEN_FDS and LISTEN_PID in the process environment, when there are any. */
    Spec apply(Spec spec) {
        if (listenFds == 0 || spec.process() == null) {
            return spec;
        }
        Process p = spec.process();
        List<String> env = new ArrayList<>(p.env() == null ? List.of() : p.env());
        env.removeIf(e -> e.startsWith("LISTEN_FDS=") || e.startsWith("LISTEN_PID="));
        env.add("LISTEN_FDS=" + listenFds);
        env.add("LISTEN_PID=1");
        return spec.withProcess(new Process(p.terminal(), p.consoleSize(), p.user(), p.args(), p.commandLine(), env,
                p.cwd(), p.capabilities(), p.rlimits(), p.noNewPrivileges(), p.apparmorProfile(), p.oomScoreAdj(),
                p.scheduler(), p.selinuxLabel(), p.ioPriority(), p.execCpuAffinity()));
    }
}
