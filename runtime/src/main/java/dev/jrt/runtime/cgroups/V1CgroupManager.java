package dev.jrt.runtime.cgroups;

import dev.jrt.spec.model.LinuxResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * cgroup v1, one directory per mounted hierarchy; on a hybrid host also the directory in the
 * unified (cgroup2) hierarchy, which the container joins as runc does.
 */
final class V1CgroupManager implements CgroupManager {
    private static final Duration FREEZER_TIMEOUT = Duration.ofSeconds(5);
    private final Map<String, Path> dirs;

    V1CgroupManager(Map<String, Path> dirs) {
        this.dirs = dirs;
    }

    static V1CgroupManager forContainer(CgroupHost host, String cgroupsPath, String id) {
        Map<String, Path> dirs = new LinkedHashMap<>();
        host.v1Mounts().forEach((name, mount) -> {
            String path = CgroupPath.resolve(cgroupsPath, id, host.ownV1().getOrDefault(name, "/"));
            dirs.put(name, mount.resolve(path.substring(1)));
        });
        if (host.unified() != null) {
            String path = CgroupPath.resolve(cgroupsPath, id, host.ownUnified());
            dirs.put("", host.unified().resolve(path.substring(1)));
        }
        return new V1CgroupManager(dirs);
    }

    @Override
    public Map<String, String> paths() {
        Map<String, String> out = new LinkedHashMap<>();
        dirs.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }

    @Override
    public void create() {
        for (Map.Entry<String, Path> e : dirs.entrySet()) {
            Path dir = e.getValue();
            if (isCpuset(e.getKey())) {
                createCpuset(dir);
            } else {
                mkdirs(dir);
            }
        }
    }

    private static boolean isCpuset(String hierarchy) {
        for (String c : hierarchy.split(",")) {
            if (c.equals("cpuset")) {
                return true;
            }
        }
        return false;
    }

    /** A new cpuset cgroup starts with no cpus and no mems; copy them down from the parent. */
    private static void createCpuset(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        createCpuset(dir.getParent());
        mkdirs(dir);
        for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
            if (CgroupFiles.read(dir, file).isEmpty()) {
                CgroupFiles.write(dir, file, CgroupFiles.read(dir.getParent(), file));
            }
        }
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new CgroupException("create cgroup " + dir + ": " + CgroupFiles.reason(e), e);
        }
    }

    /** The directory of the hierarchy that holds controller ("cpu" in "cpu,cpuacct"), or null. */
    static Path hierarchy(Map<String, Path> dirs, String controller) {
        for (Map.Entry<String, Path> e : dirs.entrySet()) {
            for (String c : e.getKey().split(",")) {
                if (c.equals(controller)) {
                    return e.getValue();
                }
            }
        }
        return null;
    }

    @Override
    public void apply(LinuxResources resources) {
        new V1Resources(dirs).apply(resources);
    }

    @Override
    public CgroupStats stats() {
        return V1Stats.read(dirs);
    }

    /** cgroup v1 has no cgroup.kill. */
    @Override
    public boolean killAll() {
        return false;
    }

    @Override
    public void applyDevices(List<DeviceRule> rules) {
        Path dir = hierarchy(dirs, "devices");
        if (dir == null) {
            throw new CgroupException("the devices cgroup controller is not mounted on this host");
        }
        CgroupFiles.write(dir, "devices.deny", "a");
        List<DeviceRule> all = new ArrayList<>(rules);
        all.addAll(DeviceRule.defaults());
        for (DeviceRule rule : all) {
            CgroupFiles.write(dir, rule.allow() ? "devices.allow" : "devices.deny", rule.v1Line());
        }
    }

    @Override
    public void addProcess(int pid) {
        for (Path dir : dirs.values()) {
            CgroupFiles.write(dir, "cgroup.procs", Integer.toString(pid));
        }
    }

    @Override
    public List<Integer> pids() {
        Path dir = hierarchy(dirs, "pids");
        if (dir == null) {
            dir = dirs.values().iterator().next();
        }
        return new ArrayList<>(new LinkedHashSet<>(CgroupFiles.readPids(dir)));
    }

    private Path freezerDir() {
        Path dir = hierarchy(dirs, "freezer");
        if (dir == null) {
            throw new CgroupException("the freezer cgroup controller is not mounted on this host");
        }
        return dir;
    }

    @Override
    public void freeze() {
        setFreezer("FROZEN");
    }

    @Override
    public void thaw() {
        setFreezer("THAWED");
    }

    /**
     * Writes the state until the freezer reports it: FREEZING lasts while a task has not reached
     * the refrigerator yet, longer on a loaded machine. Bounded by time, not by tries.
     */
    private void setFreezer(String state) {
        Path dir = freezerDir();
        long deadline = System.nanoTime() + FREEZER_TIMEOUT.toNanos();
        for (int i = 0; ; i++) {
            CgroupFiles.write(dir, "freezer.state", state);
            if (CgroupFiles.read(dir, "freezer.state").equals(state)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new CgroupException("the freezer of " + dir + " did not reach " + state + " within "
                        + FREEZER_TIMEOUT.toSeconds() + " s");
            }
            if (i < 100) {
                Thread.onSpinWait();
            } else {
                sleepMillis(1);
            }
        }
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CgroupException("interrupted while waiting for the freezer");
        }
    }

    @Override
    public boolean isFrozen() {
        Path dir = hierarchy(dirs, "freezer");
        return dir != null && Files.isDirectory(dir) && !CgroupFiles.read(dir, "freezer.state").equals("THAWED");
    }

    @Override
    public void destroy() {
        List<Path> all = new ArrayList<>(dirs.values());
        Collections.reverse(all);
        CgroupException first = null;
        for (Path dir : all) {
            try {
                CgroupFiles.removeTree(dir);
            } catch (CgroupException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
