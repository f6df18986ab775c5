package dev.jrt.runtime.container;

import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.api.ContainerInfo;
import dev.jrt.runtime.api.ContainerNotFoundException;
import dev.jrt.runtime.api.ContainerStatus;
import dev.jrt.runtime.api.CreateOptions;
import dev.jrt.runtime.api.IllegalStateTransitionException;
import dev.jrt.runtime.api.OciRuntime;
import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.api.RuntimeOptions;
import dev.jrt.runtime.api.Signals;
import dev.jrt.runtime.cgroups.CgroupManager;
import dev.jrt.runtime.cgroups.CgroupManagers;
import dev.jrt.runtime.process.ExecFifo;
import dev.jrt.runtime.state.ContainerLock;
import dev.jrt.runtime.state.FileStateStore;
import dev.jrt.runtime.state.ProcessInfo;
import dev.jrt.runtime.state.StateRecord;
import dev.jrt.runtime.sys.Reaper;
import dev.jrt.runtime.sys.Syscalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The OCI lifecycle on Linux: each operation locks the container, checks its status, acts. */
public final class LinuxRuntime implements OciRuntime {
    private final RuntimeOptions options;
    private final FileStateStore store;

    public LinuxRuntime(RuntimeOptions options) {
        this.options = options;
        this.store = new FileStateStore(options.stateRoot());
    }

    /** jrt-init beside the jars ({@code <jrt.home>/libexec/jrt-init}), or the jrt.init property. */
    public static Path defaultInitBinary() {
        String explicit = System.getProperty("jrt.init");
        if (explicit != null) {
            return Path.of(explicit);
        }
        return Path.of(System.getProperty("jrt.home", "."), "libexec", "jrt-init");
    }

    @Override
    public void create(ContainerId id, CreateOptions createOptions) {
        if (options.systemdCgroup()) {
            throw new OciRuntimeException("--systemd-cgroup: the systemd cgroup driver is not implemented yet;"
                    + " run without --systemd-cgroup to use the cgroupfs driver");
        }
        new CreateOperation(options, store, id, createOptions).run();
    }

    @Override
    public void start(ContainerId id) {
        try (ContainerLock lock = store.lock(id)) {
            StateRecord record = store.load(id);
            ContainerStatus status = status(record);
            if (!status.canStart()) {
                throw new IllegalStateTransitionException(switch (status) {
                    case RUNNING -> "cannot start an already running container";
                    case STOPPED -> "cannot start a container that has stopped";
                    default -> "cannot start a container in the " + status.wire() + " state";
                }, status);
            }
            try {
                ExecFifo.start(store.fifo(id), record.initPid());
            } catch (java.io.IOException e) {
                throw new OciRuntimeException("start: " + e.getMessage(), e);
            }
            LifecycleHooks hooks = LifecycleHooks.load(store.configCopy(id), record, options.log());
            if (hooks != null) {
                hooks.poststart(record.initPid());
            }
        }
    }

    @Override
    public int exec(ContainerId id, dev.jrt.runtime.api.ExecOptions execOptions) {
        return new ExecOperation(options, store, id, execOptions).run();
    }

    @Override
    public ContainerInfo state(ContainerId id) {
        StateRecord record = store.load(id);
        return info(record, status(record), "");
    }

    @Override
    public void kill(ContainerId id, int signal, boolean all) {
        try (ContainerLock lock = store.lock(id)) {
            StateRecord record = store.load(id);
            ContainerStatus status = status(record);
            // --all on a stopped container signals whatever is left in its cgroup, maybe nothing,
            // and succeeds, as runc's does: containerd has the shim send `kill --all ID 9` before
            // it deletes a task, also one whose init has exited
            if (!status.canKill() && !(all && status == ContainerStatus.STOPPED)) {
                throw new IllegalStateTransitionException("container not running", status);
            }
            signal(record, signal, all);
        }
    }

    @Override
    public void delete(ContainerId id, boolean force) {
        ContainerLock lock;
        try {
            lock = store.lock(id);
        } catch (ContainerNotFoundException e) {
            if (force) {
                return; // nothing left to delete is success for --force, as engines expect
            }
            throw e;
        }
        try (lock) {
            if (!store.exists(id)) {
                store.remove(id); // the remains of a create that failed midway
                if (force) {
                    return;
                }
                throw new ContainerNotFoundException(id.value());
            }
            StateRecord record = store.load(id);
            ContainerStatus status = status(record);
            if (status != ContainerStatus.STOPPED) {
                if (!force) {
                    throw new IllegalStateTransitionException("cannot delete container \"" + id
                            + "\" that is not stopped: " + status.wire(), status);
                }
                signal(record, Signals.SIGKILL, true);
                awaitExit(record);
            }
            destroy(record);
        }
    }

    /** Removes everything a container owns on the host: its cgroup and its state directory. */
    void destroy(StateRecord record) {
        ProcessInfo init = ProcessInfo.read(record.initPid());
        if (init != null && init.ppid() == ProcessHandle.current().pid()) {
            Reaper.reapIfChild(record.initPid()); // only a JVM that created the container is its parent
        }
        LifecycleHooks hooks = LifecycleHooks.load(store.configCopy(ContainerId.of(record.id())), record, options.log());
        RuntimeException failure = null;
        if (record.cgroupPaths() != null && !record.cgroupPaths().isEmpty()) {
            CgroupManager cgroup = CgroupManagers.fromPaths(record.cgroupPaths());
            try {
                killRemaining(cgroup);
                cgroup.destroy();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        store.remove(ContainerId.of(record.id()));
        if (hooks != null) {
            hooks.poststop();
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public int run(ContainerId id, CreateOptions createOptions, boolean detach) {
        if (detach) {
            create(id, createOptions);
            start(id);
            return 0;
        }
        // caught from the start: a signal sent while the container is made is held, then forwarded
        SignalForwarder forwarder = SignalForwarder.start();
        try {
            create(id, createOptions);
        } catch (RuntimeException e) {
            forwarder.close();
            throw e;
        }
        StateRecord record = store.load(id);
        try (forwarder) {
            forwarder.target(record.initPid());
            start(id);
            return Syscalls.exitCode(Syscalls.waitpid(record.initPid(), 0));
        } finally {
            try (ContainerLock lock = store.lock(id)) {
                StateRecord current = store.load(id);
                if (status(current) != ContainerStatus.STOPPED) {
                    signal(current, Signals.SIGKILL, true);
                    awaitExit(current);
                }
                destroy(current);
            } catch (ContainerNotFoundException e) {
                // deleted by someone else meanwhile
            }
        }
    }

    @Override
    public List<ContainerInfo> list() {
        List<ContainerInfo> out = new ArrayList<>();
        for (ContainerId id : store.list()) {
            try {
                StateRecord record = store.load(id);
                out.add(info(record, status(record), Owners.ownerOf(store.dir(id))));
            } catch (ContainerNotFoundException e) {
                // deleted while listing
            }
        }
        return out;
    }

    @Override
    public List<Integer> pids(ContainerId id) {
        StateRecord record = store.load(id);
        if (record.cgroupPaths() == null || record.cgroupPaths().isEmpty()) {
            return StatusProbe.initAlive(record) ? List.of(record.initPid()) : List.of();
        }
        return CgroupManagers.fromPaths(record.cgroupPaths()).pids();
    }

    @Override
    public void pause(ContainerId id) {
        try (ContainerLock lock = store.lock(id)) {
            StateRecord record = store.load(id);
            ContainerStatus status = status(record);
            if (!status.canPause()) {
                throw new IllegalStateTransitionException("container not running", status);
            }
            CgroupManagers.fromPaths(record.cgroupPaths()).freeze();
        }
    }

    @Override
    public void resume(ContainerId id) {
        try (ContainerLock lock = store.lock(id)) {
            StateRecord record = store.load(id);
            ContainerStatus status = status(record);
            if (!status.canResume()) {
                throw new IllegalStateTransitionException("container not paused", status);
            }
            CgroupManagers.fromPaths(record.cgroupPaths()).thaw();
        }
    }

    @Override
    public void update(ContainerId id, dev.jrt.spec.model.LinuxResources resources) {
        try (ContainerLock lock = store.lock(id)) {
            StateRecord record = store.load(id);
            ContainerStatus status = status(record);
            if (status == ContainerStatus.STOPPED) {
                throw new IllegalStateTransitionException("cannot update a stopped container", status);
            }
            CgroupManagers.fromPaths(record.cgroupPaths()).apply(resources);
        }
    }

    @Override
    public dev.jrt.runtime.cgroups.CgroupStats stats(ContainerId id) {
        StateRecord record = store.load(id);
        ContainerStatus status = status(record);
        if (status == ContainerStatus.STOPPED) {
            throw new IllegalStateTransitionException("container not running", status);
        }
        return CgroupManagers.fromPaths(record.cgroupPaths()).stats();
    }

    @Override
    public dev.jrt.spec.features.Features features() {
        return RuntimeFeatures.describe();
    }

    private ContainerStatus status(StateRecord record) {
        return StatusProbe.status(record, store.fifo(ContainerId.of(record.id())));
    }

    private static ContainerInfo info(StateRecord r, ContainerStatus status, String owner) {
        int pid = status == ContainerStatus.STOPPED ? 0 : r.initPid();
        return new ContainerInfo(r.ociVersion(), r.id(), pid, status, r.bundle(), r.rootfs(), r.created(), owner,
                r.annotations() == null ? Map.of() : r.annotations());
    }

    private void signal(StateRecord record, int signal, boolean all) {
        Set<Integer> targets = new LinkedHashSet<>();
        if (StatusProbe.initAlive(record)) {
            targets.add(record.initPid());
        }
        if (all && record.cgroupPaths() != null && !record.cgroupPaths().isEmpty()) {
            CgroupManager cgroup = CgroupManagers.fromPaths(record.cgroupPaths());
            if (signal == Signals.SIGKILL && cgroup.killAll()) {
                return; // cgroup.kill also catches processes forked while we would list them
            }
            boolean frozen = cgroup.isFrozen();
            targets.addAll(cgroup.pids());
            for (int pid : targets) {
                Signaller.send(pid, signal);
            }
            if (frozen && signal == Signals.SIGKILL) {
                cgroup.thaw(); // a frozen process only dies once thawed
            }
            return;
        }
        for (int pid : targets) {
            Signaller.send(pid, signal);
        }
    }

    private static void killRemaining(CgroupManager cgroup) {
        List<Integer> left = cgroup.pids();
        if (left.isEmpty()) {
            return;
        }
        if (cgroup.isFrozen()) {
            cgroup.thaw();
        }
        for (int pid : left) {
            Signaller.send(pid, Signals.SIGKILL);
        }
        for (int i = 0; i < 500 && !cgroup.pids().isEmpty(); i++) {
            sleep(10);
        }
    }

    private static void awaitExit(StateRecord record) {
        for (int i = 0; i < 1000 && StatusProbe.initAlive(record); i++) {
            sleep(10);
        }
        if (StatusProbe.initAlive(record)) {
            throw new OciRuntimeException("container \"" + record.id() + "\" did not exit after SIGKILL");
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
