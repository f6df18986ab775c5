package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.Sandbox;
import java.util.List;
import org.junit.jupiter.api.Test;

/** config.md "User" (POSIX platforms): uid, gid, additionalGids, umask. */
@ConformanceTest
class UserTest {

    @Test
    @Requirement(file = "config.md", heading = "User",
            text = "uid specifies the user ID and gid the group ID in the container namespace")
    void uidAndGidAreSet(Sandbox sb) {
        ProbeReport p = sb.report(sb.bundle().user(1234, 5678).build());
        assertEquals(1234, p.uid());
        assertEquals(1234, p.json().path("euid").asLong());
        assertEquals(5678, p.gid());
        assertEquals(5678, p.json().path("egid").asLong());
    }

    @Test
    @Requirement(file = "config.md", heading = "User",
            text = "additionalGids specifies additional group IDs in the container namespace to be added to the process")
    void additionalGidsAreTheSupplementaryGroups(Sandbox sb) {
        ProbeReport p = sb.report(sb.bundle().user(1000, 1000, 10, 20, 30).build());
        assertEquals(List.of(10L, 20L, 30L), p.groups().stream().sorted().toList());
    }

    @Test
    @Requirement(file = "config.md", heading = "User",
            text = "umask specifies the umask of the user")
    void umaskIsSet(Sandbox sb) {
        assertEquals("0027", sb.report(sb.bundle().umask(0027).build()).umask());
        assertEquals("0077", sb.report(sb.bundle().umask(0077).build()).umask());
    }
}
