package dev.jrt.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jrt.spec.ConfigLoader;
import dev.jrt.spec.model.Spec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookPlannerTest {
    @TempDir
    Path bundle;

    private static final String CONFIG = """
            {"ociVersion": "1.0.2",
             "process": {"args": ["/bin/true"], "cwd": "/"},
             "root": {"path": "rootfs"},
             "annotations": {"a\\"pid\\":1": "x"},
             "hooks": {%s},
             "linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}]}}
            """;

    private ContainerPlan plan(String hooks) {
        Spec spec = ConfigLoader.parse(CONFIG.formatted(hooks));
        return Planner.plan(new PlanInput(spec, bundle, bundle.resolve("rootfs"), List.of(10), 0, -1, false, 0, "c1", SecurityInput.NONE));
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
    void withoutHooksThePlanHasNoneOfTheirOps() {
        ContainerPlan p = plan("");
        assertEquals(-1, indexOf(p, Op.Sync.class));
        assertEquals(-1, indexOf(p, Op.RunStateHook.class));
        assertEquals(-1, indexOf(p, Op.AwaitStart.class));
        assertTrue(indexOf(p, Op.WaitStart.class) > 0);
    }

    @Test
    void runtimeHooksSyncBeforePivotAndCreateContainerHooksFollow() {
        ContainerPlan p = plan("""
                "createRuntime": [{"path": "/bin/a"}],
                "createContainer": [{"path": "/bin/b", "args": ["b", "x"], "env": ["E=1"], "timeout": 3}]""");
        int sync = indexOf(p, Op.Sync.class);
        int hook = indexOf(p, Op.RunStateHook.class);
        int pivot = indexOf(p, Op.PivotRoot.class);
        assertTrue(sync > 0 && sync + 1 == hook && hook + 1 == pivot, p.ops().toString());
        Op.RunStateHook h = (Op.RunStateHook) p.ops().get(hook);
        assertEquals("/bin/b", h.path());
        assertEquals(List.of("b", "x"), h.args());
        assertEquals(List.of("E=1"), h.env());
        assertEquals(3, h.timeoutSeconds());
        assertEquals("/hooks/createContainer/0", p.sources().get(hook));
        assertEquals(HookPlanner.RUNTIME_HOOKS_TAG, ((Op.Sync) p.ops().get(sync)).tag());
    }

    @Test
    void startContainerHooksRunBetweenAwaitAndConfirmRightBeforeExec() {
        ContainerPlan p = plan("\"startContainer\": [{\"path\": \"/s1\"}, {\"path\": \"/s2\"}]");
        int await = indexOf(p, Op.AwaitStart.class);
        int confirm = indexOf(p, Op.ConfirmStart.class);
        int exec = indexOf(p, Op.Exec.class);
        assertEquals(-1, indexOf(p, Op.WaitStart.class));
        assertEquals(-1, indexOf(p, Op.Sync.class), "no runtime hooks, no sync");
        // runc's order: privileges are dropped before READY, startContainer hooks run after start
        assertTrue(await > indexOf(p, Op.Ready.class) && indexOf(p, Op.Capabilities.class) < indexOf(p, Op.Ready.class));
        assertEquals(exec - 1, confirm);
        assertTrue(p.ops().get(confirm - 2) instanceof Op.RunStateHook a && a.path().equals("/s1"));
        assertTrue(p.ops().get(confirm - 1) instanceof Op.RunStateHook b && b.path().equals("/s2"));
        assertTrue(indexOf(p, Op.Capabilities.class) < confirm - 2, "hooks run with the process's capabilities");
    }

    @Test
    void theStateIsSplitAtThePidFieldEvenWhenAStringContainsPidText() throws Exception {
        Spec spec = ConfigLoader.parse(CONFIG.formatted(""));
        byte[][] parts = HookPlanner.stateAroundPid(spec, "c1", "/b\"pid\":2147483647", "created");
        String json = new String(parts[0], StandardCharsets.UTF_8) + 4242 + new String(parts[1], StandardCharsets.UTF_8);
        JsonNode state = new ObjectMapper().readTree(json);
        assertEquals(4242, state.path("pid").asInt());
        assertEquals("created", state.path("status").asText());
        assertEquals("c1", state.path("id").asText());
        assertEquals("/b\"pid\":2147483647", state.path("bundle").asText());
        assertEquals("x", state.path("annotations").path("a\"pid\":1").asText());
        assertFalse(new String(parts[0], StandardCharsets.UTF_8).contains("2147483647"));
    }
}
