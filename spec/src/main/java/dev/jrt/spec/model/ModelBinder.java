package dev.jrt.spec.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jrt.spec.json.BindException;
import dev.jrt.spec.json.Fields;
import dev.jrt.spec.json.Fields.Reader;

import static dev.jrt.spec.json.Fields.object;

/**
 * Binds a JSON tree to the model records, written out by hand: the same result as Jackson
 * databind reading the records (names from their {@code @JsonProperty}, {@code @Uint64} as
 * unsigned), without databind's reflection, which cost a short-lived JVM about 250 ms per
 * {@code create}. ModelBinderTest checks that both agree on full configs.
 */
public final class ModelBinder {

    private ModelBinder() {
    }

    /** {@code config.json}; a value the model cannot hold is a {@link BindException}. */
    public static Spec spec(JsonNode tree) {
        return SPEC.read(tree, "");
    }

    /** A {@code process} object, as in {@code exec --process}. */
    public static Process process(JsonNode tree) {
        return PROCESS.read(tree, "");
    }

    /** A {@code linux.resources} object, as in {@code update --resources}. */
    public static LinuxResources resources(JsonNode tree) {
        return RESOURCES.read(tree, "");
    }

    private static final Reader<LinuxIdMapping> ID_MAPPING = object(f -> new LinuxIdMapping(
            f.int64("containerID"), f.int64("hostID"), f.int64("size")));

    private static final Reader<Hook> HOOK = object(f -> new Hook(
            f.string("path"), f.strings("args"), f.strings("env"), f.int32("timeout")));

    private static final Reader<Hooks> HOOKS = object(f -> new Hooks(
            f.list("prestart", HOOK), f.list("createRuntime", HOOK), f.list("createContainer", HOOK),
            f.list("startContainer", HOOK), f.list("poststart", HOOK), f.list("poststop", HOOK)));

    private static final Reader<Mount> MOUNT = object(f -> new Mount(
            f.string("destination"), f.string("type"), f.string("source"), f.strings("options"),
            f.list("uidMappings", ID_MAPPING), f.list("gidMappings", ID_MAPPING)));

    private static final Reader<Root> ROOT = object(f -> new Root(f.string("path"), f.bool("readonly")));

    private static final Reader<Process> PROCESS = object(f -> new Process(
            f.bool("terminal"),
            f.get("consoleSize", object(c -> new ConsoleSize(c.uint64("height"), c.uint64("width")))),
            f.get("user", object(u -> new User(u.int64("uid"), u.int64("gid"), u.int64("umask"),
                    u.list("additionalGids", Fields.INT64)))),
            f.strings("args"),
            f.string("commandLine"),
            f.strings("env"),
            f.string("cwd"),
            f.get("capabilities", object(c -> new LinuxCapabilities(c.strings("bounding"), c.strings("effective"),
                    c.strings("inheritable"), c.strings("permitted"), c.strings("ambient")))),
            f.list("rlimits", object(r -> new PosixRlimit(r.string("type"), r.uint64("hard"), r.uint64("soft")))),
            f.bool("noNewPrivileges"),
            f.string("apparmorProfile"),
            f.int32("oomScoreAdj"),
            f.get("scheduler", object(s -> new Scheduler(s.string("policy"), s.int32("nice"), s.int32("priority"),
                    s.strings("flags"), s.uint64("runtime"), s.uint64("deadline"), s.uint64("period")))),
            f.string("selinuxLabel"),
            f.get("ioPriority", object(p -> new LinuxIoPriority(p.string("class"), p.int32("priority")))),
            f.get("execCPUAffinity", object(a -> new CpuAffinity(a.string("initial"), a.string("final"))))));

    private static final Reader<LinuxThrottleDevice> THROTTLE = object(f -> new LinuxThrottleDevice(
            f.int64("major"), f.int64("minor"), f.uint64("rate")));

    private static final Reader<LinuxResources> RESOURCES = object(f -> new LinuxResources(
            f.list("devices", object(d -> new LinuxDeviceCgroup(d.bool("allow"), d.string("type"),
                    d.int64("major"), d.int64("minor"), d.string("access")))),
            f.get("memory", object(m -> new LinuxMemory(m.int64("limit"), m.int64("reservation"), m.int64("swap"),
                    m.int64("kernel"), m.int64("kernelTCP"), m.uint64("swappiness"), m.bool("disableOOMKiller"),
                    m.bool("useHierarchy"), m.bool("checkBeforeUpdate")))),
            f.get("cpu", object(c -> new LinuxCpu(c.uint64("shares"), c.int64("quota"), c.uint64("burst"),
                    c.uint64("period"), c.int64("realtimeRuntime"), c.uint64("realtimePeriod"), c.string("cpus"),
                    c.string("mems"), c.int64("idle")))),
            f.get("pids", object(p -> new LinuxPids(p.int64("limit")))),
            f.get("blockIO", object(b -> new LinuxBlockIo(b.int32("weight"), b.int32("leafWeight"),
                    b.list("weightDevice", object(w -> new LinuxWeightDevice(w.int64("major"), w.int64("minor"),
                            w.int32("weight"), w.int32("leafWeight")))),
                    b.list("throttleReadBpsDevice", THROTTLE), b.list("throttleWriteBpsDevice", THROTTLE),
                    b.list("throttleReadIOPSDevice", THROTTLE), b.list("throttleWriteIOPSDevice", THROTTLE)))),
            f.list("hugepageLimits", object(h -> new LinuxHugepageLimit(h.string("pageSize"), h.uint64("limit")))),
            f.get("network", object(n -> new LinuxNetwork(n.int64("classID"),
                    n.list("priorities", object(p -> new LinuxInterfacePriority(p.string("name"),
                            p.int64("priority"))))))),
            f.map("rdma", object(r -> new LinuxRdma(r.int64("hcaHandles"), r.int64("hcaObjects")))),
            f.map("unified", Fields.STRING)));

    private static final Reader<LinuxSeccomp> SECCOMP = object(f -> new LinuxSeccomp(
            f.string("defaultAction"), f.int64("defaultErrnoRet"), f.strings("architectures"), f.strings("flags"),
            f.string("listenerPath"), f.string("listenerMetadata"),
            f.list("syscalls", object(s -> new LinuxSyscall(s.strings("names"), s.string("action"),
                    s.int64("errnoRet"), s.list("args", object(a -> new LinuxSeccompArg(a.int64("index"),
                            a.uint64("value"), a.uint64("valueTwo"), a.string("op")))))))));

    private static final Reader<Linux> LINUX = object(f -> new Linux(
            f.list("uidMappings", ID_MAPPING),
            f.list("gidMappings", ID_MAPPING),
            f.map("timeOffsets", object(t -> new LinuxTimeOffset(t.int64("secs"), t.int64("nanosecs")))),
            f.map("sysctl", Fields.STRING),
            f.get("resources", RESOURCES),
            f.string("cgroupsPath"),
            f.list("namespaces", object(n -> new LinuxNamespace(n.string("type"), n.string("path")))),
            f.list("devices", object(d -> new LinuxDevice(d.string("path"), d.string("type"), d.int64("major"),
                    d.int64("minor"), d.int64("fileMode"), d.int64("uid"), d.int64("gid")))),
            f.map("netDevices", object(d -> new LinuxNetDevice(d.string("name")))),
            f.get("seccomp", SECCOMP),
            f.string("rootfsPropagation"),
            f.strings("maskedPaths"),
            f.strings("readonlyPaths"),
            f.string("mountLabel"),
            f.get("intelRdt", object(r -> new LinuxIntelRdt(r.string("closID"), r.string("l3CacheSchema"),
                    r.string("memBwSchema"), r.strings("schemata"), r.bool("enableMonitoring")))),
            f.get("memoryPolicy", object(m -> new LinuxMemoryPolicy(m.string("mode"), m.string("nodes"),
                    m.strings("flags")))),
            f.get("personality", object(p -> new LinuxPersonality(p.string("domain"), p.strings("flags"))))));

    private static final Reader<Spec> SPEC = object(f -> new Spec(
            f.string("ociVersion"),
            f.get("process", PROCESS),
            f.get("root", ROOT),
            f.string("hostname"),
            f.string("domainname"),
            f.list("mounts", MOUNT),
            f.get("hooks", HOOKS),
            f.map("annotations", Fields.STRING),
            f.get("linux", LINUX)));
}
