package dev.jrt.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrt.runtime.api.OciRuntimeException;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ContainerUsersTest {
    static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            # a comment
            broken line
            nobody:x:65534:65534:nobody:/:/bin/false
            alice:x:1000:1000::/home/alice:/bin/sh
            1234:x:42:42::/:/bin/sh
            """;
    static final String GROUP = """
            root:x:0:
            wheel:x:10:alice,bob
            alice:x:1000:
            audio:x:29:bob,alice
            bad:x:notanumber:alice
            """;

    final ContainerUsers users = new ContainerUsers(PASSWD, GROUP);

    @Test
    void aNameGivesItsIdsAndSupplementaryGroups() {
        assertEquals(new ContainerUsers.Resolved(1000, 1000, List.of(10L, 29L)), users.resolve("alice"));
        assertEquals(new ContainerUsers.Resolved(0, 0, List.of()), users.resolve("root"));
    }

    @Test
    void aGroupCanBeNamedOrNumbered() {
        assertEquals(29, users.resolve("alice:audio").gid());
        assertEquals(7, users.resolve("alice:7").gid());
        assertEquals(OptionalLong.of(10), users.groupId("wheel"));
        assertEquals(OptionalLong.empty(), users.groupId("bad"));
    }

    @Test
    void aNumericUidWorksWithoutAnEntryAndANameThatLooksNumericWins() {
        assertEquals(new ContainerUsers.Resolved(4242, 0, List.of()), users.resolve("4242"));
        assertEquals(new ContainerUsers.Resolved(65534, 65534, List.of()), users.resolve("65534"));
        assertEquals(42, users.resolve("1234").uid(), "the user named 1234, as getpwnam would find");
        assertEquals(new ContainerUsers.Resolved(0, 0, List.of()), new ContainerUsers("", "").resolve("0"));
    }

    @Test
    void unknownNamesAreErrorsNamingTheFile() {
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> users.resolve("mallory"));
        assertEquals("user \"mallory\": no such user in the container's /etc/passwd", e.getMessage());
        OciRuntimeException g = assertThrows(OciRuntimeException.class, () -> users.resolve("alice:staff"));
        assertEquals("group \"staff\": no such group in the container's /etc/group", g.getMessage());
        assertThrows(OciRuntimeException.class, () -> users.resolve("99999999999"));
    }
}
