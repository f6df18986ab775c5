package dev.jrt.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.spec.ConfigLoader;
import dev.jrt.spec.model.Spec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {
    @TempDir
    Path bundle;

    private static final String BASE = """
            {"ociVersion": "1.0.2",
             "process": {"args": ["sh", "-c", "true"], "env": ["PATH=/bin"], "cwd": "/work",
                         "user": {"uid": 1000, "gid": 100, "additionalGids": [5], "umask": 18},
                         "capabilities": {"bounding": ["CAP_KILL", "CAP_CHOWN"], "effective": ["CAP_KILL"]},
                         "rlimits": [{"type": "RLIMIT_NOFILE", "soft": 1024, "hard": 2048}],
                         "noNewPrivileges": true},
             "root": {"path": "rootfs", "readonly": true},
             "hostname": "h",
             "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"},
                        {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "mode=755", "rslave"]}],
             "linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}, {"type": "network", "path": "/proc/1/ns/net"},
                                      {"type": "uts"}, {"type": "ipc"}],
                       "sysctl": {"kernel.shmmax": "1024"},
                       "maskedPaths": ["/proc/kcore"], "readonlyPaths": ["/proc/sys"]}}
            """;

    private ContainerPlan plan(String json) {
        return plan(ConfigLoader.parse(json));
    }

    /** For configs the validator would refuse: the planner must still refuse them on its own. */
    private ContainerPlan planUnvalidated(String json) {
        return plan(ConfigLoader.bind(json));
    }

    private ContainerPlan plan(Spec spec) {
        return Planner.plan(new PlanInput(spec, bundle, bundle.resolve("rootfs"), List.of(10), 0, -1, false, 2, "c1", SecurityInput.NONE));
    }

    private static <T extends Op> T first(ContainerPlan p, Class<T> type) {
        return p.ops().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    private static int indexOf(ContainerPlan p, Class<? extends Op> type) {
        for (int i = 0; i < p.ops().size(); i++) {
            if (type.isInstance(p.ops().get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void namespacesAreEnteredFirstNewOrJoined() {
        ContainerPlan p = plan(BASE);
        Op.EnterNamespaces ns = assertInstanceOf(Op.EnterNamespaces.class, p.ops().get(0));
        assertEquals(Linux.CLONE_NEWPID | Linux.CLONE_NEWNS | Linux.CLONE_NEWUTS | Linux.CLONE_NEWIPC, ns.newFlags());
        assertEquals(List.of(new Op.EnterNamespaces.Join(Linux.CLONE_NEWNET, "/proc/1/ns/net")), ns.joins());
        assertFalse(ns.newUser());
        assertEquals("/linux/namespaces", p.sources().get(0));
    }

    @Test
    void mountsCarryTheirFlagsDataAndSource() {
        ContainerPlan p = plan(BASE);
        int i = p.sources().indexOf("/mounts/1");
        Op.Mount dev = assertInstanceOf(Op.Mount.class, p.ops().get(i));
        assertEquals("/dev", dev.target());
        assertTrue(dev.targetInRoot());
        assertEquals(Linux.MS_NOSUID, dev.flags());
        assertEquals("mode=755", dev.data());
        assertEquals(new Op.PropagateInRoot("/dev", Linux.MS_SLAVE | Linux.MS_REC), p.ops().get(i + 1));
    }

    @Test
    void orderFollowsRunc() {
        ContainerPlan p = plan(BASE);
        assertTrue(indexOf(p, Op.Mount.class) < indexOf(p, Op.PivotRoot.class));
        assertTrue(indexOf(p, Op.Mknod.class) < indexOf(p, Op.PivotRoot.class));
        assertTrue(indexOf(p, Op.PivotRoot.class) < indexOf(p, Op.WriteFile.class));
        assertTrue(indexOf(p, Op.ReadonlyPath.class) < indexOf(p, Op.MaskPath.class));
        assertTrue(indexOf(p, Op.FindExecutable.class) < indexOf(p, Op.Ready.class));
        assertTrue(indexOf(p, Op.Ready.class) < indexOf(p, Op.WaitStart.class));
        assertTrue(indexOf(p, Op.SetUser.class) < indexOf(p, Op.Chdir.class), "chdir as the container's user");
        assertTrue(indexOf(p, Op.Capabilities.class) < indexOf(p, Op.Ready.class), "create reports a capset failure");
        assertEquals(p.ops().size() - 1, indexOf(p, Op.Exec.class));
    }

    @Test
    void processSettingsAreTranslated() {
        ContainerPlan p = plan(BASE);
        assertEquals(new Op.WriteFile("/proc/sys/kernel/shmmax", "1024".getBytes()).path(), first(p, Op.WriteFile.class).path());
        assertEquals(new Op.Setrlimit(7, 1024, 2048), first(p, Op.Setrlimit.class));
        assertEquals(new Op.Umask(18), first(p, Op.Umask.class));
        assertEquals(new Op.FindExecutable("sh", "/bin"), first(p, Op.FindExecutable.class));
        Op.SetUser user = first(p, Op.SetUser.class);
        assertEquals(1000, user.uid());
        assertEquals(100, user.gid());
        assertEquals(5, user.additionalGids()[0]);
        Op.Capabilities caps = first(p, Op.Capabilities.class);
        assertEquals((1L << 5) | 1L, caps.bounding());
        assertEquals(1L << 5, caps.effective());
        assertEquals(new Op.CloseFds(5), first(p, Op.CloseFds.class));
        assertEquals(new Op.SetHostname("h"), first(p, Op.SetHostname.class));
        assertTrue(p.ops().contains(new Op.ReadonlyRoot()));
        assertTrue(p.ops().contains(new Op.NoNewPrivileges()));
        assertEquals(List.of(10), p.fds());
    }

    @Test
    void aUserNamespaceBindsDevicesInsteadOfMknod() {
        ContainerPlan p = plan(BASE.replace("{\"type\": \"uts\"}", "{\"type\": \"uts\"}, {\"type\": \"user\"}")
                .replace("\"sysctl\"", "\"uidMappings\": [{\"containerID\": 0, \"hostID\": 1000, \"size\": 1}],"
                        + "\"gidMappings\": [{\"containerID\": 0, \"hostID\": 1000, \"size\": 1}], \"sysctl\""));
        assertTrue(assertInstanceOf(Op.EnterNamespaces.class, p.ops().get(0)).newUser());
        assertEquals(-1, indexOf(p, Op.Mknod.class));
        assertEquals(new Op.BindDevice("/dev/null", "/dev/null"), first(p, Op.BindDevice.class));
    }

    @Test
    void aMountNamespaceIsRequired() {
        OciRuntimeException e = assertThrows(OciRuntimeException.class,
                () -> planUnvalidated(BASE.replace("{\"type\": \"mount\"}, ", "")));
        assertEquals("config.json: /linux/namespaces: a mount namespace is required"
                + " (jrt never changes the host's mount table)", e.getMessage());
    }

    @Test
    void aMissingBindSourceNamesTheMount() {
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> plan(BASE.replace(
                "{\"destination\": \"/proc\", \"type\": \"proc\", \"source\": \"proc\"}",
                "{\"destination\": \"/data\", \"type\": \"bind\", \"source\": \"nope\", \"options\": [\"rbind\"]}")));
        assertEquals("config.json: /mounts/0/source: " + bundle.resolve("nope") + ": no such file or directory",
                e.getMessage());
    }
}
