package dev.jrt.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrt.runtime.api.ExecOptions;
import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.spec.model.Process;
import dev.jrt.spec.model.User;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad exec flags are refused with one line that names the flag. */
class ExecProcessTest {
    private static final Process BASE = new Process(false, null, new User(0L, 0L, null, null), List.of("/bin/sh"),
            null, List.of("PATH=/bin"), "/", null, null, null, null, null, null, null, null, null);

    private static String refusal(ExecOptions o) {
        return assertThrows(OciRuntimeException.class, () -> ExecProcess.of(BASE, o)).getMessage();
    }

    private static ExecOptions withCwd(String cwd, List<String> args) {
        return new ExecOptions(null, args, false, null, false, null, cwd, List.of(), null, List.of(), List.of(),
                false, null, null, 0, List.of(), false);
    }

    @Test
    void aRelativeCwdNamesTheFlag() {
        assertEquals("--cwd: \"rel\" must be an absolute path", refusal(withCwd("rel", List.of("/bin/true"))));
    }

    @Test
    void anEmptyCommandIsNamed() {
        assertEquals("exec: the command: must name the program to run", refusal(withCwd(null, List.of(""))));
    }

    @Test
    void aNonNumericUserNamesTheFlag() {
        ExecOptions o = new ExecOptions(null, List.of("/bin/true"), false, null, false, null, null, List.of(), "abc",
                List.of(), List.of(), false, null, null, 0, List.of(), false);
        assertEquals("--user abc: \"abc\" is not a numeric id (0 to 4294967295); names are not resolved", refusal(o));
    }
}
