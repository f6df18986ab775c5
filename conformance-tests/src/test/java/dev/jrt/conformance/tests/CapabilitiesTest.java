package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Deviation;
import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.Caps;
import dev.jrt.conformance.support.CliResult;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.Sandbox;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** config.md "Linux Process" capabilities: each set as configured, and what cannot be granted. */
@ConformanceTest
class CapabilitiesTest {

    private static void assertSet(String set, long expected, ProbeReport p) {
        long got = p.capabilities(set);
        assertEquals(expected, got, set + ": expected " + Caps.describe(expected) + " got " + Caps.describe(got));
    }

    @Test
    @Requirement(file = "config.md", heading = "Linux Process",
            text = "capabilities.bounding, .effective and .permitted are the process's bounding, effective and permitted sets (root)")
    void boundingEffectivePermittedAreSetForRoot(Sandbox sb) {
        ProbeReport p = sb.report(sb.bundle().capabilities("CAP_CHOWN", "CAP_KILL", "CAP_SETUID").build());
        long m = Caps.mask("CAP_CHOWN", "CAP_KILL", "CAP_SETUID");
        assertSet("CapBnd", m, p);
        assertSet("CapPrm", m, p);
        assertSet("CapEff", m, p);
    }

    @Test
    @Requirement(file = "config.md", heading = "Linux Process",
            text = "capabilities.inheritable and .ambient are the process's inheritable and ambient sets (non-root user keeps the ambient set across execve)")
    void inheritableAndAmbientAreSetForANonRootUser(Sandbox sb) {
        String[] caps = {"CAP_NET_BIND_SERVICE", "CAP_KILL"};
        var b = sb.bundle().user(1000, 1000).capabilities(caps)
                .capabilitySet("inheritable", caps).capabilitySet("ambient", "CAP_NET_BIND_SERVICE");
        ProbeReport p = sb.report(b.build());
        assertSet("CapInh", Caps.mask(caps), p);
        assertSet("CapAmb", Caps.mask("CAP_NET_BIND_SERVICE"), p);
        assertSet("CapEff", Caps.mask("CAP_NET_BIND_SERVICE"), p);
        assertSet("CapBnd", Caps.mask(caps), p);
    }

    @Test
    @Requirement(file = "config.md", heading = "Linux Process",
            text = "Runtimes SHOULD NOT fail if the container configuration requests capabilities that cannot be granted (an ambient capability that is not inheritable, as `runc spec` writes)")
    void anAmbientCapabilityThatIsNotInheritableIsLeftOut(Sandbox sb) {
        String[] caps = {"CAP_NET_BIND_SERVICE", "CAP_KILL"};
        ProbeReport p = sb.report(sb.bundle().capabilities(caps).capabilitySet("ambient", caps).build());
        assertSet("CapAmb", 0, p);
        assertSet("CapEff", Caps.mask(caps), p);
    }

    @Test
    @Requirement(file = "config.md", heading = "Linux Process",
            text = "a capability absent from every set is not held: a non-root process without ambient capabilities has empty effective and permitted sets")
    void nonRootWithoutAmbientHasNoCapabilities(Sandbox sb) {
        ProbeReport p = sb.report(sb.bundle().user(1000, 1000).capabilities("CAP_KILL", "CAP_CHOWN").build());
        assertSet("CapEff", 0, p);
        assertSet("CapPrm", 0, p);
        assertSet("CapBnd", Caps.mask("CAP_KILL", "CAP_CHOWN"), p);
    }

    @Test
    @Requirement(file = "config.md", heading = "Linux Process",
            text = "Runtimes SHOULD NOT fail if the container configuration requests capabilities that cannot be granted (a capability missing from the host bounding set)")
    void aCapabilityMissingFromTheHostBoundingSetDoesNotFail(Sandbox sb) {
        long host = Caps.hostBounding();
        String missing = Caps.NAMES.stream().filter(n -> (host & Caps.mask(n)) == 0).findFirst().orElse(null);
        Assumptions.assumeTrue(missing != null, "the host bounding set holds every capability: nothing to request that cannot be granted");
        ProbeReport p = sb.report(sb.bundle().capabilitySet("bounding", "CAP_KILL", missing).build());
        assertTrue((p.capabilities("CapBnd") & Caps.mask("CAP_KILL")) != 0, "CAP_KILL lost: " + p.json().path("capabilities"));
    }

    @Test
    @Requirement(file = "config.md", heading = "Linux Process",
            text = "Any value which cannot be mapped to a relevant kernel interface MUST be logged as a warning by the runtime; runtimes SHOULD NOT fail (an unknown capability name)")
    void anUnknownCapabilityNameDoesNotFail(Sandbox sb) {
        var b = sb.bundle().capabilities("CAP_KILL", "CAP_NOT_A_REAL_CAPABILITY");
        CliResult r = sb.tryRun(b.build());
        assertTrue(r.ok(), r.describe());
        assertTrue((ProbeReport.parse(r.stdout()).capabilities("CapBnd") & Caps.mask("CAP_KILL")) != 0);
    }

    @Test
    @Requirement(file = "config.md", heading = "Linux Process",
            text = "Runtimes SHOULD NOT fail if the container configuration requests capabilities that cannot be granted (a capability missing from the host bounding set in the effective and permitted sets)")
    @Deviation(runtime = "runc", reason = "runc 1.1 passes the capability to capset, which fails with EPERM: \"unable to apply caps: operation not permitted\"")
    void anEffectiveCapabilityMissingFromTheHostDoesNotFail(Sandbox sb) {
        long host = Caps.hostBounding();
        String missing = Caps.NAMES.stream().filter(n -> (host & Caps.mask(n)) == 0).findFirst().orElse(null);
        Assumptions.assumeTrue(missing != null, "the host bounding set holds every capability: nothing to request that cannot be granted");
        ProbeReport p = sb.report(sb.bundle().capabilities("CAP_KILL", missing).build());
        assertSet("CapEff", Caps.mask("CAP_KILL"), p);
        assertSet("CapPrm", Caps.mask("CAP_KILL"), p);
    }
}
