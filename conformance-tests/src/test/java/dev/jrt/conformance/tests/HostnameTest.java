package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jrt.conformance.Deviation;
import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.Sandbox;
import org.junit.jupiter.api.Test;

/** config.md "Hostname" and "Domainname". */
@ConformanceTest
class HostnameTest {

    @Test
    @Requirement(file = "config.md", heading = "Hostname",
            text = "hostname specifies the container's hostname as seen by processes running inside the container")
    void hostnameIsSet(Sandbox sb) {
        assertEquals("conformance-host", sb.report(sb.bundle().hostname("conformance-host").build()).hostname());
    }

    @Test
    @Requirement(file = "config.md", heading = "Domainname",
            text = "domainname specifies the container's domainname as seen by processes running inside the container")
    @Deviation(runtime = "runc", reason = "runc 1.1 ignores domainname: support for it came with runc 1.2.0")
    void domainnameIsSet(Sandbox sb) {
        assertEquals("conformance.example", sb.report(sb.bundle().domainname("conformance.example").build()).domainname());
    }

    @Test
    @Requirement(file = "config.md", heading = "Hostname",
            text = "setting hostname without a new UTS namespace is an error (the runtime MUST generate an error rather than change the host's hostname)")
    void hostnameWithoutAUtsNamespaceIsAnError(Sandbox sb) {
        assertFalse(sb.tryRun(sb.bundle().withoutNamespace("uts").hostname("must-not-change-host").build()).ok());
    }
}
