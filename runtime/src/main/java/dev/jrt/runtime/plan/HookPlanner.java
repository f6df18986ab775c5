package dev.jrt.runtime.plan;

import dev.jrt.runtime.hooks.HookPhase;
import dev.jrt.spec.model.Hook;
import dev.jrt.spec.model.Hooks;
import dev.jrt.spec.model.Spec;
import dev.jrt.spec.state.OciState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The hooks' part of the plan, at runc's points: before pivot_root, a Sync at which jrt runs the
 * prestart and createRuntime hooks in the runtime namespace, then the createContainer hooks run
 * by the init (host paths, container namespaces); right before execve, after the process's
 * user, capabilities and seccomp are in place, the startContainer hooks (container paths),
 * between AwaitStart and ConfirmStart so that `jrt start` learns whether they failed.
 * poststart and poststop hooks run in jrt itself (LinuxRuntime), not in the plan.
 */
final class HookPlanner {
    /** The tag of the Sync op at which the parent runs the prestart and createRuntime hooks. */
    static final String RUNTIME_HOOKS_TAG = "createRuntime";

    private static final int PID_PLACEHOLDER = Integer.MAX_VALUE;
    private static final String PID_FIELD = "\"pid\":" + PID_PLACEHOLDER;

    private HookPlanner() {}

    /** Just before PivotRoot. */
    static void beforePivot(PlanBuilder b, PlanInput in) {
        Hooks hooks = in.spec().hooks();
        if (!HookPhase.PRESTART.of(hooks).isEmpty() || !HookPhase.CREATE_RUNTIME.of(hooks).isEmpty()) {
            b.add("/hooks", new Op.Sync(RUNTIME_HOOKS_TAG));
        }
        inContainer(b, in, HookPhase.CREATE_CONTAINER);
    }

    /** Where the plan waits for `start`: WaitStart, or AwaitStart when startContainer hooks follow. */
    static void waitStart(PlanBuilder b, PlanInput in) {
        if (HookPhase.START_CONTAINER.of(in.spec().hooks()).isEmpty()) {
            b.add("/process", new Op.WaitStart(in.fifoSlot()));
        } else {
            b.add("/process", new Op.AwaitStart(in.fifoSlot()));
        }
    }

    /** Just before Exec. */
    static void beforeExec(PlanBuilder b, PlanInput in) {
        if (HookPhase.START_CONTAINER.of(in.spec().hooks()).isEmpty()) {
            return;
        }
        inContainer(b, in, HookPhase.START_CONTAINER);
        b.add("/hooks/startContainer", new Op.ConfirmStart());
    }

    private static void inContainer(PlanBuilder b, PlanInput in, HookPhase phase) {
        List<Hook> hooks = phase.of(in.spec().hooks());
        if (hooks.isEmpty()) {
            return;
        }
        byte[][] state = stateAroundPid(in.spec(), in.containerId(), in.bundle().toString(), phase.status());
        for (int i = 0; i < hooks.size(); i++) {
            Hook h = hooks.get(i);
            b.add(phase.pointer(i), new Op.RunStateHook(h.path(), h.args() == null ? List.of() : h.args(),
                    h.env() == null ? List.of() : h.env(), h.timeout() == null ? 0 : h.timeout(), state[0], state[1]));
        }
    }

    /**
     * The compact state JSON split where the init's pid goes: jrt-init writes part 0, its pid in
     * decimal, part 1. In JSON the text {@code "pid":} outside a string has an unescaped quote, so
     * the first match is the field itself.
     */
    static byte[][] stateAroundPid(Spec spec, String id, String bundle, String status) {
        Map<String, String> annotations = spec.annotations() == null ? Map.of() : spec.annotations();
        String json = new OciState(spec.ociVersion(), id, status, PID_PLACEHOLDER, bundle, annotations).toJson();
        int at = json.indexOf(PID_FIELD);
        if (at < 0) {
            throw new IllegalStateException("state JSON without a pid field: " + json);
        }
        int pidAt = at + PID_FIELD.length() - Integer.toString(PID_PLACEHOLDER).length();
        return new byte[][] {json.substring(0, pidAt).getBytes(StandardCharsets.UTF_8),
                json.substring(at + PID_FIELD.length()).getBytes(StandardCharsets.UTF_8)};
    }
}
