package dev.jrt.runtime.container;

import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.api.ContainerStatus;
import dev.jrt.runtime.api.ExecOptions;
import dev.jrt.runtime.api.IllegalStateTransitionException;
import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.api.RuntimeOptions;
import dev.jrt.runtime.plan.ContainerPlan;
import dev.jrt.runtime.plan.ExecPlanner;
import dev.jrt.runtime.security.ProcessSecurity;
import dev.jrt.runtime.process.InitFailedException;
import dev.jrt.runtime.process.InitLauncher;
import dev.jrt.runtime.process.InitListener;
import dev.jrt.runtime.process.InitResult;
import dev.jrt.runtime.security.ContainerUsers;
import dev.jrt.runtime.state.ContainerLock;
import dev.jrt.runtime.state.FileStateStore;
import dev.jrt.runtime.state.ProcessInfo;
import dev.jrt.runtime.state.StateRecord;
import dev.jrt.runtime.sys.Fd;
import dev.jrt.runtime.sys.Syscalls;
import dev.jrt.runtime.sys.UnixSockets;
import dev.jrt.spec.ConfigLoader;
import dev.jrt.spec.model.Process;
import dev.jrt.spec.model.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * exec: check the container can take a process, make the process from the saved config and
 * the options, and have jrt-init join the init's namespaces and cgroup and execve it. The lock
 * is held until the process runs, so that delete cannot race it; not while it runs. In a paused
 * container (--ignore-paused) it is let go before the launch: the process freezes as it joins the
 * cgroup and only runs after resume, as with runc, and resume needs the lock.
 */
final class ExecOperation {
    private final RuntimeOptions options;
    private final FileStateStore store;
    private final ContainerId id;
    private final ExecOptions exec;

    ExecOperation(RuntimeOptions options, FileStateStore store, ContainerId id, ExecOptions exec) {
        this.options = options;
        this.store = store;
        this.id = id;
        this.exec = exec;
    }

    int run() {
        if (exec.preserveFds() < 0) {
            throw new OciRuntimeException("--preserve-fds: must not be negative");
        }
        if (exec.processFile() == null) { // with --process, the file's "terminal" decides (as runc)
            checkTerminal(exec.tty());
        }
        // caught from before the process exists: a signal sent while it starts is held, then forwarded
        try (SignalForwarder forwarder = exec.detach() ? null : SignalForwarder.start()) {
            return launchAndWait(forwarder);
        }
    }

    private int launchAndWait(SignalForwarder forwarder) {
        InitResult result;
        StateRecord record;
        ContainerLock lock = store.lock(id);
        try {
            record = store.load(id);
            ContainerStatus status = StatusProbe.status(record, store.fifo(id));
            checkStatus(status);
            Spec spec = savedConfig();
            int initPid = record.initPid();
            Process process = ExecProcess.of(spec.process(), exec, () -> ContainerUsers.readFrom("/proc/" + initPid + "/root"));
            checkTerminal(Boolean.TRUE.equals(process.terminal()));
            Map<Path, Path> cgroups = cgroupDirs(record);
            if (status == ContainerStatus.PAUSED) {
                // --ignore-paused: the process freezes as it joins the cgroup and runs after resume, which
                // needs this lock; the init's start time is checked below instead, as for a running one
                lock.close();
                lock = null;
            }
            result = launch(spec, process, record, cgroups);
            ProcessInfo initNow = ProcessInfo.read(record.initPid());
            if (initNow == null || initNow.startTime() != record.initStartTime()) {
                Syscalls.kill(result.initPid(), Syscalls.SIGKILL);
                Syscalls.waitpid(result.initPid(), 0);
                throw new OciRuntimeException("container \"" + id + "\" stopped while the process was joining it");
            }
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
        if (exec.pidFile() != null) {
            CreateOperation.writePidFile(exec.pidFile(), result.initPid());
        }
        if (exec.detach()) {
            return 0;
        }
        forwarder.target(result.initPid());
        return result.waitForExit();
    }

    private void checkTerminal(boolean terminal) {
        if (terminal && exec.consoleSocket() == null) {
            throw new OciRuntimeException(exec.processFile() == null
                    ? "--tty: needs --console-socket (jrt does not relay a terminal itself)"
                    : "--process " + exec.processFile() + ": \"terminal\": true needs --console-socket");
        }
        if (!terminal && exec.consoleSocket() != null) {
            throw new OciRuntimeException("--console-socket: only with --tty (or \"terminal\": true in --process)");
        }
    }

    private void checkStatus(ContainerStatus status) {
        if (status == ContainerStatus.STOPPED) {
            throw new IllegalStateTransitionException("cannot exec in a stopped container", status);
        }
        if (status == ContainerStatus.PAUSED && !exec.ignorePaused()) {
            throw new IllegalStateTransitionException(
                    "cannot exec in a paused container (use --ignore-paused to override)", status);
        }
        if (status != ContainerStatus.PAUSED && !status.canExec()) {
            throw new IllegalStateTransitionException("cannot exec in a container in the " + status.wire() + " state",
                    status);
        }
    }

    private Spec savedConfig() {
        Path copy = store.configCopy(id);
        try {
            return ConfigLoader.bind(Files.readString(copy));
        } catch (IOException e) {
            throw new OciRuntimeException("container \"" + id + "\": read its config " + copy + ": " + e.getMessage(), e);
        }
    }

    /** The cgroup directories to join: the container's, or with --cgroup sub-cgroups of it. */
    private Map<Path, Path> cgroupDirs(StateRecord record) {
        Map<String, String> paths = record.cgroupPaths() == null ? Map.of() : record.cgroupPaths();
        Map<Path, Path> dirs = new LinkedHashMap<>();
        for (String dir : paths.values()) {
            dirs.put(Path.of(dir), Path.of(dir));
        }
        for (String entry : exec.cgroup()) {
            int colon = entry.indexOf(':');
            String controller = colon < 0 ? null : entry.substring(0, colon);
            String sub = colon < 0 ? entry : entry.substring(colon + 1);
            Path rel = Path.of(sub.startsWith("/") ? sub.substring(1) : sub).normalize();
            if (sub.isEmpty() || rel.startsWith("..") || rel.toString().isEmpty()) {
                throw new OciRuntimeException("--cgroup " + entry + ": the path must name a cgroup below the container's");
            }
            boolean matched = false;
            for (Map.Entry<String, String> e : paths.entrySet()) {
                if (controller == null || List.of(e.getKey().split(",")).contains(controller)) {
                    Path target = Path.of(e.getValue()).resolve(rel);
                    if (!Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        throw new OciRuntimeException("--cgroup " + entry + ": " + target + ": no such cgroup");
                    }
                    dirs.put(Path.of(e.getValue()), target);
                    matched = true;
                }
            }
            if (!matched) {
                throw new OciRuntimeException("--cgroup " + entry + ": the container has no \"" + controller
                        + "\" cgroup; it has: " + String.join(", ", paths.keySet()));
            }
        }
        return dirs;
    }

    private InitResult launch(Spec spec, Process process, StateRecord record, Map<Path, Path> cgroups) {
        List<Fd> fds = new ArrayList<>();
        try {
            int consoleSlot = -1;
            if (exec.consoleSocket() != null) {
                fds.add(UnixSockets.connect(exec.consoleSocket().toString()));
                consoleSlot = 0;
            }
            ContainerPlan plan = ExecPlanner.plan(spec, process, record.initPid(), fds.stream().map(Fd::get).toList(),
                    consoleSlot, exec.preserveFds(),
                    ProcessSecurity.prepare(spec.withProcess(process), options.stateRoot(), options.log()));
            byte[] initialAffinity = ExecPlanner.initialCpuAffinity(process);
            InitListener listener = new InitListener() {
                private int processPid;

                @Override
                public void onInitPid(int pid) {
                    processPid = pid;
                }

                @Override
                public void onSeccompFd(int opIndex, Fd notifyFd) {
                    new SeccompListenerForwarder(spec, id.value(), record.bundle())
                            .forward(notifyFd, processPid, "running", record.initPid());
                }

                @Override
                public void afterSpawn(int stage0Pid) throws IOException {
                    if (initialAffinity != null) {
                        Syscalls.setAffinity(stage0Pid, initialAffinity);
                    }
                    for (Path dir : cgroups.values()) {
                        Files.writeString(dir.resolve("cgroup.procs"), Integer.toString(stage0Pid));
                    }
                }
            };
            return InitLauncher.launch(options.initBinary(), plan, exec.preserveFds(), listener);
        } catch (InitFailedException e) {
            throw new OciRuntimeException("exec: " + e.getMessage(), e.getCause());
        } catch (IOException e) {
            throw new OciRuntimeException("exec: start " + options.initBinary() + ": " + e.getMessage(), e);
        } finally {
            fds.forEach(Fd::close);
        }
    }
}
