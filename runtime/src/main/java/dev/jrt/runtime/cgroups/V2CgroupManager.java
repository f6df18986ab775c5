package dev.jrt.runtime.cgroups;

import dev.jrt.runtime.sys.Bpf;
import dev.jrt.runtime.sys.SyscallException;
import dev.jrt.spec.model.LinuxResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A pure cgroup v2 host: one directory in the unified hierarchy. */
final class V2CgroupManager implements CgroupManager {
    private final Path root;
    private final Path dir;

    /** The manager of an existing cgroup: it is never created again, so the root is not needed. */
    V2CgroupManager(Path dir) {
        this(null, dir);
    }

    V2CgroupManager(Path root, Path dir) {
        this.root = root;
        this.dir = dir;
    }

    static V2CgroupManager forContainer(CgroupHost host, String cgroupsPath, String id) {
        String path = CgroupPath.resolve(cgroupsPath, id, host.ownUnified());
        return new V2CgroupManager(host.unified(), host.unified().resolve(path.substring(1)));
    }

    @Override
    public Map<String, String> paths() {
        return Map.of("", dir.toString());
    }

    @Override
    public void create() {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new CgroupException("create cgroup " + dir + ": " + CgroupFiles.reason(e), e);
        }
        if (root != null && dir.startsWith(root)) {
            for (Path p = dir.getParent(); p != null && p.startsWith(root); p = p.getParent()) {
                Controllers.enableInSubtree(p);
            }
        }
    }

    @Override
    public void apply(LinuxResources resources) {
        new V2Resources(dir).apply(resources);
    }

    @Override
    public CgroupStats stats() {
        return V2Stats.read(dir);
    }

    @Override
    public boolean killAll() {
        if (!Files.exists(dir.resolve("cgroup.kill"))) {
            return false;
        }
        CgroupFiles.write(dir, "cgroup.kill", "1");
        return true;
    }

    /**
     * Loads the eBPF device filter ({@link DeviceFilterProgram}: deny all, the config's rules, the
     * default devices) and attaches it to the cgroup in place of the one attached before.
     */
    @Override
    public void applyDevices(List<DeviceRule> rules) {
        DeviceFilterProgram program = DeviceFilterProgram.forContainer(rules);
        try {
            Bpf.replaceCgroupDeviceFilter(dir.toString(), program.bytes(), DeviceFilterProgram.LICENSE, "jrt_devices");
        } catch (SyscallException e) {
            throw new CgroupException("/linux/resources/devices: device filter on " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void addProcess(int pid) {
        CgroupFiles.write(dir, "cgroup.procs", Integer.toString(pid));
    }

    @Override
    public List<Integer> pids() {
        return CgroupFiles.readPids(dir);
    }

    @Override
    public void freeze() {
        setFrozen("1");
    }

    @Override
    public void thaw() {
        setFrozen("0");
    }

    private void setFrozen(String value) {
        CgroupFiles.write(dir, "cgroup.freeze", value);
        String want = "frozen " + value;
        for (int i = 0; i < 2000; i++) {
            if (CgroupFiles.read(dir, "cgroup.events").contains(want)) {
                return;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new CgroupException("cgroup " + dir + " did not reach \"" + want + "\"");
    }

    @Override
    public boolean isFrozen() {
        return Files.exists(dir.resolve("cgroup.freeze")) && CgroupFiles.read(dir, "cgroup.freeze").equals("1");
    }

    @Override
    public void destroy() {
        CgroupFiles.removeTree(dir);
    }
}
