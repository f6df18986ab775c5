package dev.jrt.runtime.hooks;

import dev.jrt.spec.model.Hook;
import dev.jrt.spec.model.Hooks;
import java.util.List;

/**
 * The six kinds of hooks (config.md "POSIX-platform Hooks"), with the status the state passed to
 * them carries and whether a failure fails the operation (runtime.md "Lifecycle") or only logs
 * a warning.
 */
public enum HookPhase {
    PRESTART("prestart", "creating", true),
    CREATE_RUNTIME("createRuntime", "creating", true),
    CREATE_CONTAINER("createContainer", "creating", true),
    START_CONTAINER("startContainer", "created", true),
    POSTSTART("poststart", "running", false),
    POSTSTOP("poststop", "stopped", false);

    private final String configName;
    private final String status;
    private final boolean fatal;

    HookPhase(String configName, String status, boolean fatal) {
        this.configName = configName;
        this.status = status;
        this.fatal = fatal;
    }

    /** The member of /hooks, e.g. "createRuntime". */
    public String configName() {
        return configName;
    }

    /** The JSON pointer of hook {@code index} of this phase, e.g. "/hooks/createRuntime/0". */
    public String pointer(int index) {
        return "/hooks/" + configName + "/" + index;
    }

    /** The state's status while these hooks run. */
    public String status() {
        return status;
    }

    /** Whether a failing hook fails the operation; otherwise it is logged as a warning. */
    public boolean fatal() {
        return fatal;
    }

    /** The hooks of this phase in the config, in the listed order (empty when none). */
    public List<Hook> of(Hooks hooks) {
        if (hooks == null) {
            return List.of();
        }
        List<Hook> list = switch (this) {
            case PRESTART -> hooks.prestart();
            case CREATE_RUNTIME -> hooks.createRuntime();
            case CREATE_CONTAINER -> hooks.createContainer();
            case START_CONTAINER -> hooks.startContainer();
            case POSTSTART -> hooks.poststart();
            case POSTSTOP -> hooks.poststop();
        };
        return list == null ? List.of() : list;
    }
}
