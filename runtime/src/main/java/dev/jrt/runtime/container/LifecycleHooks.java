package dev.jrt.runtime.container;

import dev.jrt.runtime.hooks.HookPhase;
import dev.jrt.runtime.hooks.HookRunner;
import dev.jrt.runtime.log.LogSink;
import dev.jrt.runtime.state.StateRecord;
import dev.jrt.spec.ConfigLoader;
import dev.jrt.spec.model.Hooks;
import dev.jrt.spec.model.Spec;
import dev.jrt.spec.state.OciState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The hooks jrt runs itself, in the runtime namespace, each with the state of the moment:
 * prestart and createRuntime at the init's Sync during create, poststart after start released
 * the init, poststop once delete removed the container. The hooks the init runs inside the
 * container are planned by HookPlanner.
 */
final class LifecycleHooks {
    private final Spec spec;
    private final String id;
    private final String bundle;
    private final HookRunner runner;

    LifecycleHooks(Spec spec, String id, String bundle, LogSink log) {
        this.spec = spec;
        this.id = id;
        this.bundle = bundle;
        this.runner = new HookRunner(log);
    }

    /**
     * Beside the config copy, create leaves this file when the config has poststart or poststop
     * hooks: only then do {@code start} and {@code delete} bind the config (Jackson's parser and
     * the binder cost a light command ~100 ms of CPU; engines such as Docker add prestart hooks
     * only, which create has run).
     */
    static final String LATER_HOOKS_MARKER = "poststart-poststop-hooks";

    /** create: records whether the config has hooks for start or delete to run. */
    static void recordLaterHooks(Spec spec, Path configCopy) throws IOException {
        if (!HookPhase.POSTSTART.of(spec.hooks()).isEmpty() || !HookPhase.POSTSTOP.of(spec.hooks()).isEmpty()) {
            Files.createFile(configCopy.resolveSibling(LATER_HOOKS_MARKER));
        }
    }

    /**
     * The poststart and poststop hooks of a created container, from the copy of its config in the
     * state directory; null when it has none (or the copy cannot be read: that is logged, the
     * lifecycle goes on).
     */
    static LifecycleHooks load(Path configCopy, StateRecord record, LogSink log) {
        if (!Files.exists(configCopy.resolveSibling(LATER_HOOKS_MARKER))) {
            return null; // the common case, without reading the config
        }
        try {
            Spec spec = ConfigLoader.bind(Files.readString(configCopy));
            return spec.hooks() == null ? null : new LifecycleHooks(spec, record.id(), record.bundle(), log);
        } catch (IOException | RuntimeException e) {
            log.warn("container " + record.id() + ": cannot read its hooks from " + configCopy + ": " + e.getMessage());
            return null;
        }
    }

    /** create, at the Sync before pivot_root: prestart, then createRuntime. Throws on failure. */
    void createRuntime(int initPid) {
        run(HookPhase.PRESTART, initPid);
        run(HookPhase.CREATE_RUNTIME, initPid);
    }

    /** start, after the init was released: failures are warnings. */
    void poststart(int initPid) {
        run(HookPhase.POSTSTART, initPid);
    }

    /** delete, after the container is gone: failures are warnings; the state has no pid. */
    void poststop() {
        run(HookPhase.POSTSTOP, 0);
    }

    private void run(HookPhase phase, int pid) {
        Hooks hooks = spec.hooks();
        if (phase.of(hooks).isEmpty()) {
            return;
        }
        Map<String, String> annotations = spec.annotations() == null ? Map.of() : spec.annotations();
        runner.run(phase, hooks, new OciState(spec.ociVersion(), id, phase.status(), pid, bundle, annotations));
    }
}
