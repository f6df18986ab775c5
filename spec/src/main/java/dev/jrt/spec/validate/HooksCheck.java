package dev.jrt.spec.validate;

import dev.jrt.spec.model.Hook;
import dev.jrt.spec.model.Hooks;
import dev.jrt.spec.model.Spec;

import java.util.ArrayList;
import java.util.List;

/** Hook paths are absolute (config.md extends execv: path MUST be absolute) and timeouts positive. */
final class HooksCheck implements Check {

    @Override
    public List<Problem> check(Spec spec) {
        Hooks hooks = spec.hooks();
        if (hooks == null) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        checkList("prestart", hooks.prestart(), problems);
        checkList("createRuntime", hooks.createRuntime(), problems);
        checkList("createContainer", hooks.createContainer(), problems);
        checkList("startContainer", hooks.startContainer(), problems);
        checkList("poststart", hooks.poststart(), problems);
        checkList("poststop", hooks.poststop(), problems);
        return problems;
    }

    private static void checkList(String name, List<Hook> list, List<Problem> problems) {
        for (int i = 0; list != null && i < list.size(); i++) {
            Hook hook = list.get(i);
            if (hook == null) {
                continue;
            }
            if (hook.path() == null || hook.path().isEmpty()) {
                problems.add(new Problem(Pointer.of("hooks", name, i, "path"), "is required"));
            } else if (!Messages.isAbsolute(hook.path())) {
                problems.add(new Problem(Pointer.of("hooks", name, i, "path"), Messages.notAbsolute(hook.path())));
            }
            if (hook.timeout() != null && hook.timeout() <= 0) {
                problems.add(new Problem(Pointer.of("hooks", name, i, "timeout"),
                        "must be greater than zero, got " + hook.timeout()));
            }
        }
    }
}
