package dev.jrt.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrt.runtime.api.ExecOptions;
import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.security.ContainerUsers;
import dev.jrt.spec.model.Process;
import dev.jrt.spec.model.User;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad exec flags are refused with one line that names the flag. */
class ExecProcessTest {
    private static final Process BASE = new Process(false, null, new User(0L, 0L, null, null), List.of("/bin/sh"),
            null, List.of("PATH=/bin"), "/", null, null, null, null, null, null, null, null, null);

    private static final ContainerUsers USERS = new ContainerUsers("alice:x:1000:1000::/home/alice:/bin/sh\n",
            "alice:x:1000:\nwheel:x:10:alice\n");

    private static ExecOptions user(String user, List<String> env) {
        return new ExecOptions(null, List.of("/bin/true"), false, null, false, null, null, env, user,
                List.of(), List.of(), false, null, null, 0, List.of(), false);
    }

    private static String refusal(ExecOptions o) {
        return assertThrows(OciRuntimeException.class, () -> ExecProcess.of(BASE, o, () -> USERS)).getMessage();
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
    void anUnknownUserOrGroupNameNamesTheFlag() {
        assertEquals("--user abc: no user \"abc\" in the container's /etc/passwd", refusal(user("abc", List.of())));
        assertEquals("--user alice:staff: no group \"staff\" in the container's /etc/group",
                refusal(user("alice:staff", List.of())));
        assertEquals("--user 99999999999: \"99999999999\" is not a numeric id (0 to 4294967295)",
                refusal(user("99999999999", List.of())));
    }

    @Test
    void aNameGivesItsIdsGroupsAndHome() {
        Process p = ExecProcess.of(BASE, user("alice", List.of()), () -> USERS);
        assertEquals(new User(1000L, 1000L, null, List.of(10L)), p.user());
        assertEquals(List.of("PATH=/bin", "HOME=/home/alice"), p.env());
        p = ExecProcess.of(BASE, user("alice:wheel", List.of("HOME=/elsewhere")), () -> USERS);
        assertEquals(new User(1000L, 10L, null, List.of(10L)), p.user());
        assertEquals(List.of("PATH=/bin", "HOME=/elsewhere"), p.env(), "a given HOME is kept");
    }

    @Test
    void aNumericUserKeepsTheConfigsGroupAsRunc() {
        Process p = ExecProcess.of(BASE, user("1000", List.of()), () -> USERS);
        assertEquals(new User(1000L, 0L, null, List.of()), p.user());
        assertEquals("HOME=/home/alice", p.env().get(1));
    }
}
