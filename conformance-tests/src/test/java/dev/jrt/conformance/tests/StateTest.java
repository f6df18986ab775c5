package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.Bundle;
import dev.jrt.conformance.support.Container;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.RuntimeCli;
import dev.jrt.conformance.support.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** runtime.md "State" and "Query State": the fields of the state after each lifecycle step. */
@ConformanceTest
class StateTest {

    private static final Pattern SEMVER = Pattern.compile("^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$");

    private static void assertCommonFields(JsonNode st, Container c) {
        assertTrue(st.path("ociVersion").isTextual(), "ociVersion missing: " + st);
        assertTrue(SEMVER.matcher(st.path("ociVersion").asText()).matches(), "ociVersion is not SemVer: " + st);
        assertEquals(c.id(), st.path("id").asText(), "id");
        assertEquals(c.bundle().dir().toAbsolutePath().toString(), st.path("bundle").asText(), "bundle");
    }

    @Test
    @Requirement(file = "runtime.md", heading = "State",
            text = "status created: the runtime has finished the create operation; pid REQUIRED when created; ociVersion, id, bundle REQUIRED")
    void stateAfterCreateIsCreatedWithPidAndBundle(Sandbox sb) {
        Container c = sb.create(sb.bundle().args("/probe", "sleep", "100").build());
        JsonNode st = c.state();
        assertCommonFields(st, c);
        assertEquals("created", st.path("status").asText());
        assertTrue(st.path("pid").asLong() > 0, "pid missing in created state: " + st);
    }

    @Test
    @Requirement(file = "runtime.md", heading = "State",
            text = "status running: the container process has executed the user-specified program but has not exited; pid REQUIRED")
    void stateAfterStartIsRunningWithTheSamePid(Sandbox sb) {
        Container c = sb.create(sb.bundle().args("/probe", "sleep", "100").build());
        long created = c.state().path("pid").asLong();
        c.start();
        JsonNode st = c.state();
        assertCommonFields(st, c);
        assertEquals("running", st.path("status").asText());
        assertEquals(created, st.path("pid").asLong(), "pid changed between created and running");
    }

    @Test
    @Requirement(file = "runtime.md", heading = "State",
            text = "status stopped: the container process has exited")
    void stateAfterExitIsStopped(Sandbox sb) {
        Container c = sb.create(sb.bundle().args("/probe", "exit", "0").build());
        c.start();
        JsonNode st = c.awaitStatus("stopped", Duration.ofSeconds(10));
        assertCommonFields(st, c);
    }

    @Test
    @Requirement(file = "runtime.md", heading = "State",
            text = "pid is the ID of the container process (as seen by the runtime): equals the --pid-file content")
    void statePidEqualsThePidFileAndTheHostProcess(Sandbox sb) {
        Container c = sb.create(sb.bundle().args("/probe", "sleep", "100").build());
        long pid = c.state().path("pid").asLong();
        assertEquals(c.pidFromFile(), pid, "state pid differs from the pid file");
        assertTrue(ProcessHandle.of(pid).isPresent(), "no host process " + pid);
    }

    @Test
    @Requirement(file = "runtime.md", heading = "State",
            text = "bundle is the absolute path to the container's bundle directory (even when given as a relative path)")
    void stateBundleIsAbsoluteForARelativeBundlePath(Sandbox sb) {
        Bundle b = sb.bundle().args("/probe", "sleep", "100").build();
        Path rel = sb.dir().relativize(b.dir());
        Container c = sb.tryCreate(new Bundle(rel, b.rootfs()), RuntimeCli.Call.of().cwd(sb.dir()));
        assertTrue(c.createResult().ok(), c.createResult().describe());
        assertEquals(b.dir().toAbsolutePath().toString(), c.state().path("bundle").asText());
    }

    @Test
    @Requirement(file = "runtime.md", heading = "State",
            text = "annotations contains the list of annotations associated with the container")
    @Requirement(file = "config.md", heading = "Annotations",
            text = "annotations contains arbitrary metadata for the container; values MUST be strings")
    void stateCarriesTheConfiguredAnnotations(Sandbox sb) {
        Container c = sb.create(sb.bundle().args("/probe", "sleep", "100")
                .annotation("org.example.key", "value one").annotation("com.example.other", "2").build());
        JsonNode a = c.state().path("annotations");
        assertEquals("value one", a.path("org.example.key").asText(), "annotations: " + a);
        assertEquals("2", a.path("com.example.other").asText(), "annotations: " + a);
    }

    @Test
    @Requirement(file = "runtime.md", heading = "State",
            text = "If no annotations were provided then this property MAY either be absent or an empty map")
    void stateWithoutAnnotationsHasNoneOrAnEmptyMap(Sandbox sb) {
        Container c = sb.create(sb.bundle().args("/probe", "sleep", "100").build());
        JsonNode a = c.state().path("annotations");
        assertTrue(a.isMissingNode() || a.isNull() || (a.isObject() && a.isEmpty()), "annotations: " + a);
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Query State",
            text = "Attempting to query a container that does not exist MUST generate an error")
    void stateOfAnUnknownContainerFails(Sandbox sb) {
        assertFalse(sb.cli().exec("state", "no-such-container").ok());
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Query State",
            text = "This operation MUST generate an error if it is not provided the ID of a container")
    void stateWithoutAnIdFails(Sandbox sb) {
        assertFalse(sb.cli().exec("state").ok());
    }
}
