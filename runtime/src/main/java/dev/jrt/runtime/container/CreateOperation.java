package dev.jrt.runtime.container;

import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.api.CreateOptions;
import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.api.RuntimeOptions;
import dev.jrt.runtime.cgroups.CgroupHost;
import dev.jrt.runtime.cgroups.CgroupManager;
import dev.jrt.runtime.cgroups.CgroupManagers;
import dev.jrt.runtime.cgroups.DeviceRule;
import dev.jrt.runtime.plan.ContainerPlan;
import dev.jrt.runtime.plan.PlanInput;
import dev.jrt.runtime.plan.Planner;
import dev.jrt.runtime.plan.SecurityInput;
import dev.jrt.runtime.process.ExecFifo;
import dev.jrt.runtime.process.IdMapWriter;
import dev.jrt.runtime.process.IdMapping;
import dev.jrt.runtime.process.InitFailedException;
import dev.jrt.runtime.process.InitLauncher;
import dev.jrt.runtime.process.InitListener;
import dev.jrt.runtime.process.InitResult;
import dev.jrt.runtime.security.ProcessSecurity;
import dev.jrt.runtime.rootfs.PreparedRootfs;
import dev.jrt.runtime.security.ContainerUsers;
import dev.jrt.runtime.state.ContainerLock;
import dev.jrt.runtime.state.FileStateStore;
import dev.jrt.runtime.state.ProcessInfo;
import dev.jrt.runtime.state.StateRecord;
import dev.jrt.runtime.sys.Fd;
import dev.jrt.runtime.sys.Syscalls;
import dev.jrt.spec.ConfigLoader;
import dev.jrt.spec.model.LinuxDeviceCgroup;
import dev.jrt.spec.model.LinuxIdMapping;
import dev.jrt.spec.model.Process;
import dev.jrt.spec.model.Spec;
import dev.jrt.spec.state.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * create: validate the config, make the state directory, exec fifo and cgroup, plan, launch
 * jrt-init and wait until the container's init blocks on the fifo; record its state and pid.
 * Anything that fails undoes what was made, so nothing is left behind.
 */
final class CreateOperation {
    private final RuntimeOptions options;
    private final FileStateStore store;
    private final ContainerId id;
    private final CreateOptions create;
    /** Descriptors 3.. passed to the container: socket-activation ones, then --preserve-fds ones. */
    private int preservedFds;

    CreateOperation(RuntimeOptions options, FileStateStore store, ContainerId id, CreateOptions create) {
        this.options = options;
        this.store = store;
        this.id = id;
        this.create = create;
    }

    void run() {
        Path bundle = create.bundle();
        if (!Files.isDirectory(bundle)) {
            throw new OciRuntimeException("bundle " + bundle + ": no such directory");
        }
        long t0 = System.nanoTime();
        warmUpNativeAccess();
        Spec spec = ConfigLoader.load(bundle.resolve("config.json"));
        UnsupportedFeatures.check(spec);
        SocketActivation activation = SocketActivation.fromEnvironment(System.getenv(), ProcessHandle.current().pid());
        spec = activation.apply(spec);
        preservedFds = activation.listenFds() + create.preserveFds();
        SecurityInput security = ProcessSecurity.prepare(spec, options.stateRoot(), options.log());
        phase("config loaded and validated", t0);
        Path rootfs = rootfs(bundle, spec);
        checkConsole(spec);
        try (ContainerLock lock = store.createNew(id)) {
            Cleanup cleanup = new Cleanup();
            cleanup.push(() -> store.remove(id));
            try {
                build(spec, bundle, rootfs, security, cleanup);
            } catch (RuntimeException | Error e) {
                cleanup.undo(e);
                throw e;
            }
        }
    }

    private static Path rootfs(Path bundle, Spec spec) {
        if (spec.root() == null || spec.root().path() == null) {
            throw new OciRuntimeException("config.json: /root/path: required");
        }
        Path rootfs = bundle.resolve(spec.root().path()).normalize();
        if (Files.isRegularFile(rootfs)) {
            dev.jrt.runtime.rootfs.RootfsTarball.formatOf(rootfs); // a tarball, unpacked in build()
        } else if (!Files.isDirectory(rootfs)) {
            throw new OciRuntimeException("config.json: /root/path: " + rootfs
                    + (Files.exists(rootfs) ? ": not a directory" : ": no such file or directory"));
        }
        try {
            return rootfs.toRealPath();
        } catch (IOException e) {
            throw new OciRuntimeException("resolve root filesystem " + rootfs + ": " + e.getMessage(), e);
        }
    }

    private void checkConsole(Spec spec) {
        boolean terminal = spec.process() != null && Boolean.TRUE.equals(spec.process().terminal());
        if (terminal && create.consoleSocket() == null) {
            throw new OciRuntimeException("config.json: /process/terminal is true: a terminal needs --console-socket");
        }
        if (!terminal && create.consoleSocket() != null) {
            throw new OciRuntimeException("--console-socket: the config does not ask for a terminal (/process/terminal)");
        }
    }

    /**
     * HOME from the rootfs's /etc/passwd when the process's environment lacks it, as runc sets it.
     * runc reads the file after the config's mounts; jrt reads the rootfs's own, before them.
     */
    private static Spec withHome(Spec spec, PreparedRootfs rootfs) {
        Process p = spec.process();
        if (p == null || ContainerUsers.hasHome(p.env())) {
            return spec;
        }
        String root = rootfs.mount() != null ? "/proc/self/fd/" + rootfs.mount().get() : rootfs.dir().toString();
        long uid = p.user() == null || p.user().uid() == null ? 0 : p.user().uid();
        return spec.withProcess(p.withEnv(ContainerUsers.readFrom(root).withHome(p.env(), uid)));
    }

    private void build(Spec spec, Path bundle, Path rootfs, SecurityInput security, Cleanup cleanup) {
        copyConfig(bundle);
        recordLaterHooks(spec);
        CgroupManager cgroup = CgroupManagers.forContainer(CgroupHost.detect(),
                spec.linux() == null ? null : spec.linux().cgroupsPath(), id.value());
        long t0 = System.nanoTime();
        cgroup.create();
        cleanup.push(cgroup::destroy);
        applyDevices(spec, cgroup);
        cgroup.apply(spec.linux() == null ? null : spec.linux().resources());
        phase("cgroup created", t0);

        List<Fd> fds = new ArrayList<>();
        try {
            fds.add(ExecFifo.create(store.fifo(id), hostIdOfRoot(spec.linux().uidMappings()),
                    hostIdOfRoot(spec.linux().gidMappings())));
            int consoleSlot = -1;
            if (create.consoleSocket() != null) {
                fds.add(dev.jrt.runtime.sys.UnixSockets.connect(create.consoleSocket().toString()));
                consoleSlot = 1;
            }
            PreparedRootfs prepared = PreparedRootfs.prepare(rootfs, spec, store.dir(id), create.preserveFds());
            int rootfsSlot = fds.size();
            fds.addAll(prepared.fds());
            dev.jrt.runtime.rootfs.IdmappedBinds idmapped = dev.jrt.runtime.rootfs.IdmappedBinds.prepare(spec, bundle,
                    options.initBinary());
            int idmapSlot = fds.size();
            fds.addAll(idmapped.fds());
            List<Integer> fdNumbers = fds.stream().map(Fd::get).toList();
            spec = withHome(spec, prepared);
            ContainerPlan plan = prepared.attachTo(Planner.plan(new PlanInput(spec, bundle, prepared.dir(), fdNumbers, 0,
                    consoleSlot, create.noPivot(), preservedFds, id.value(), security)), rootfsSlot);
            plan = dev.jrt.runtime.plan.CgroupMounts.expand(plan, spec, CgroupHost.detect(), cgroup.paths());
            plan = idmapped.applyTo(plan, idmapSlot);
            phase("planned", t0);
            InitResult init = launch(plan, spec, cgroup);
            phase("init ready", t0);
            cleanup.push(() -> {
                Syscalls.kill(init.initPid(), Syscalls.SIGKILL);
                Syscalls.waitpid(init.initPid(), 0);
            });
            setOomScoreAdj(spec, init.initPid());
            ProcessInfo info = ProcessInfo.read(init.initPid());
            if (info == null) {
                throw new OciRuntimeException("the container's init (pid " + init.initPid() + ") exited during create");
            }
            store.save(new StateRecord(spec.ociVersion(), id.value(), bundle.toString(), rootfs.toString(),
                    State.timestamp(Instant.now()), "", spec.annotations() == null ? Map.of() : spec.annotations(),
                    init.initPid(), info.startTime(), cgroup.paths(), null, List.of()));
            if (create.pidFile() != null) {
                writePidFile(create.pidFile(), init.initPid());
            }
        } catch (IOException e) {
            throw new OciRuntimeException("create " + store.fifo(id) + ": " + e.getMessage(), e);
        } finally {
            fds.forEach(Fd::close);
        }
    }

    /** Written from here, before start; the container inherits it across execve. */
    private static void setOomScoreAdj(Spec spec, int pid) {
        Integer adj = spec.process().oomScoreAdj();
        if (adj == null) {
            return;
        }
        Path file = Path.of("/proc", Integer.toString(pid), "oom_score_adj");
        try {
            Files.writeString(file, adj.toString());
        } catch (IOException e) {
            throw new OciRuntimeException("config.json: /process/oomScoreAdj: write " + adj + " to " + file + ": "
                    + e.getMessage() + (e instanceof java.nio.file.AccessDeniedException
                    ? " (lowering it needs CAP_SYS_RESOURCE, which this host's bounding set lacks)" : ""), e);
        }
    }

    private static void applyDevices(Spec spec, CgroupManager cgroup) {
        List<LinuxDeviceCgroup> configured = spec.linux() == null || spec.linux().resources() == null
                || spec.linux().resources().devices() == null ? List.of() : spec.linux().resources().devices();
        List<DeviceRule> rules = new ArrayList<>();
        for (LinuxDeviceCgroup d : configured) {
            char type = d.type() == null || d.type().isEmpty() ? 'a' : d.type().charAt(0);
            rules.add(new DeviceRule(Boolean.TRUE.equals(d.allow()), type, d.major() == null ? -1 : d.major(),
                    d.minor() == null ? -1 : d.minor(), d.access() == null ? "rwm" : d.access()));
        }
        cgroup.applyDevices(rules);
    }

    private InitResult launch(ContainerPlan plan, Spec spec, CgroupManager cgroup) {
        LifecycleHooks hooks = new LifecycleHooks(spec, id.value(), create.bundle().toString(), options.log());
        InitListener listener = new InitListener() {
            private int initPid;

            @Override
            public void onInitPid(int pid) {
                initPid = pid;
            }

            @Override
            public void onSync(int opIndex, String tag) {
                hooks.createRuntime(initPid);
            }

            @Override
            public void afterSpawn(int stage0Pid) {
                cgroup.addProcess(stage0Pid);
            }

            @Override
            public void onSeccompFd(int opIndex, Fd notifyFd) {
                new SeccompListenerForwarder(spec, id.value(), create.bundle().toString())
                        .forward(notifyFd, initPid, "creating", initPid);
            }

            @Override
            public void onUserNamespace(int pid) throws IOException {
                IdMapWriter.write(pid, mappings(spec.linux().uidMappings()), mappings(spec.linux().gidMappings()), false);
            }
        };
        try {
            return InitLauncher.launch(options.initBinary(), plan, preservedFds, listener);
        } catch (InitFailedException e) {
            throw new OciRuntimeException(e.getMessage(), e.getCause());
        } catch (IOException e) {
            throw new OciRuntimeException("start the container's init (" + options.initBinary() + "): " + e.getMessage(), e);
        }
    }

    /** The host id that container id 0 maps to (0 without a mapping). */
    private static int hostIdOfRoot(List<LinuxIdMapping> mappings) {
        if (mappings != null) {
            for (LinuxIdMapping m : mappings) {
                if (m.containerId() == 0 && m.size() > 0) {
                    return m.hostId().intValue();
                }
            }
        }
        return 0;
    }

    private static List<IdMapping> mappings(List<LinuxIdMapping> m) {
        if (m == null) {
            return List.of();
        }
        return m.stream().map(x -> new IdMapping(x.containerId(), x.hostId(), x.size())).toList();
    }

    private void copyConfig(Path bundle) {
        try {
            Files.copy(bundle.resolve("config.json"), store.configCopy(id), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new OciRuntimeException("copy config.json to " + store.configCopy(id) + ": " + e.getMessage(), e);
        }
    }

    private void recordLaterHooks(Spec spec) {
        try {
            LifecycleHooks.recordLaterHooks(spec, store.configCopy(id));
        } catch (IOException e) {
            throw new OciRuntimeException("record the poststart and poststop hooks beside " + store.configCopy(id)
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loading JNA and libc's bindings is cold-start work that does not depend on the config:
     * do it on the other core while the config loads.
     */
    private static void warmUpNativeAccess() {
        Thread t = new Thread(Syscalls::getpid, "warm-up");
        t.setDaemon(true);
        t.start();
    }

    private void phase(String what, long since) {
        if (options.log().debugEnabled()) {
            options.log().debug("create " + id + ": " + what + " after " + (System.nanoTime() - since) / 1_000_000 + " ms");
        }
    }

    /** The pid in decimal, no newline, renamed into place so readers never see a partial file. */
    static void writePidFile(Path pidFile, int pid) {
        Path tmp = pidFile.resolveSibling("." + pidFile.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, Integer.toString(pid));
            Files.move(tmp, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new OciRuntimeException("--pid-file " + pidFile + ": " + e.getMessage(), e);
        }
    }
}
