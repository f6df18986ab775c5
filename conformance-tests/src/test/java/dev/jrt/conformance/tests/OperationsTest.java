package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Deviation;
import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.Bundle;
import dev.jrt.conformance.support.CliResult;
import dev.jrt.conformance.support.Container;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.RuntimeCli;
import dev.jrt.conformance.support.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** runtime.md "Operations": create, start, kill and delete, and the errors they must generate. */
@ConformanceTest
class OperationsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Container running(Sandbox sb) {
        Container c = sb.create(sb.bundle().args("/probe", "sleep", "100").build());
        c.start();
        return c;
    }

    private static Container stopped(Sandbox sb) {
        Container c = sb.create(sb.bundle().args("/probe", "exit", "0").build());
        c.start();
        c.awaitStatus("stopped", WAIT);
        return c;
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Create",
            text = "If the ID provided is not unique across all containers within the scope of the runtime, the implementation MUST generate an error and a new container MUST NOT be created")
    void createWithADuplicateIdFailsAndLeavesTheFirstContainer(Sandbox sb) {
        Container first = sb.create(sb.bundle().args("/probe", "sleep", "100").build());
        long pid = first.state().path("pid").asLong();
        Bundle other = sb.bundle().args("/probe", "exit", "0").build();
        Container dup = sb.tryCreate(other, RuntimeCli.Call.of(), first.id());
        assertFalse(dup.createResult().ok(), "create with a duplicate id succeeded");
        assertEquals("created", first.status());
        assertEquals(pid, first.state().path("pid").asLong());
        assertEquals(first.bundle().dir().toString(), first.state().path("bundle").asText());
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Create",
            text = "If the ID provided is not valid in any other way, the implementation MUST generate an error and a new container MUST NOT be created (an id with a path separator)")
    void createWithAPathTraversalIdFails(Sandbox sb) {
        Container c = sb.tryCreate(sb.bundle().args("/probe", "sleep", "100").build(), RuntimeCli.Call.of(), "../escape");
        assertFalse(c.createResult().ok(), "create accepted the id ../escape");
        assertFalse(Files.exists(sb.cli().root().resolveSibling("escape")), "state written outside --root");
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Create",
            text = "This operation MUST generate an error if it is not provided a path to the bundle (no --bundle and no config.json in the working directory)")
    void createWithoutABundleFails(Sandbox sb) {
        Path empty = sb.hostDir("empty");
        assertFalse(sb.cli().exec(RuntimeCli.Call.of("create", sb.newId()).cwd(empty)).ok());
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Create",
            text = "This operation MUST generate an error if it is not provided the container ID")
    void createWithoutAnIdFails(Sandbox sb) {
        Bundle b = sb.bundle().build();
        assertFalse(sb.cli().exec("create", "--bundle", b.dir().toString()).ok());
        assertTrue(sb.cli().exec("list", "-q").stdout().isBlank(), "a container was created");
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Delete",
            text = "Once a container is deleted its ID MAY be used by a subsequent container")
    void anIdCanBeReusedAfterDelete(Sandbox sb) {
        Container c = stopped(sb);
        c.delete();
        Container again = sb.tryCreate(sb.bundle().args("/probe", "sleep", "100").build(), RuntimeCli.Call.of(), c.id());
        assertTrue(again.createResult().ok(), again.createResult().describe());
        assertEquals("created", again.status());
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Start",
            text = "Attempting to start a container that is not created MUST have no effect on the container and MUST generate an error (running)")
    void startOfARunningContainerFails(Sandbox sb) {
        Container c = running(sb);
        long pid = c.state().path("pid").asLong();
        assertFalse(c.tryStart().ok(), "second start succeeded");
        assertEquals("running", c.status());
        assertEquals(pid, c.state().path("pid").asLong());
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Start",
            text = "Attempting to start a container that is not created MUST have no effect on the container and MUST generate an error (stopped)")
    void startOfAStoppedContainerFails(Sandbox sb) {
        Container c = stopped(sb);
        assertFalse(c.tryStart().ok(), "start of a stopped container succeeded");
        assertEquals("stopped", c.status());
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Start",
            text = "This operation MUST generate an error if it is not provided the container ID")
    void startWithoutAnIdFails(Sandbox sb) {
        assertFalse(sb.cli().exec("start").ok());
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Start",
            text = "Attempting to start a container that does not exist MUST generate an error")
    void startOfAnUnknownContainerFails(Sandbox sb) {
        assertFalse(sb.cli().exec("start", "no-such-container").ok());
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Kill",
            text = "This operation MUST send the specified signal to the container process")
    void killSendsTheSpecifiedSignal(Sandbox sb) {
        Path out = sb.hostDir("out");
        Container c = sb.create(sb.bundle().bind(out, "/out", "bind").args("/probe", "signals", "/out/signal").build());
        c.start();
        Path file = out.resolve("signal");
        long end = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(file) && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        assertTrue(Files.exists(file), "probe did not start");
        c.kill("SIGUSR1");
        assertEquals("10\n", Container.awaitFile(file, WAIT), "signal received by the container process");
        c.awaitStatus("stopped", WAIT);
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Kill",
            text = "The signal may be sent to a created container: kill of a created container is not an error, and SIGKILL stops it")
    void killOfACreatedContainerWorks(Sandbox sb) {
        Container c = sb.create(sb.bundle().args("/probe", "sleep", "100").build());
        c.kill("KILL");
        c.awaitStatus("stopped", WAIT);
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Kill",
            text = "Attempting to send a signal to a container that is neither created nor running MUST have no effect on the container and MUST generate an error")
    void killOfAStoppedContainerFails(Sandbox sb) {
        Container c = stopped(sb);
        assertFalse(c.tryKill("KILL").ok(), "kill of a stopped container succeeded");
        assertEquals("stopped", c.status());
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Kill",
            text = "This operation MUST generate an error if it is not provided the container ID")
    void killWithoutAnIdFails(Sandbox sb) {
        assertFalse(sb.cli().exec("kill").ok());
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Delete",
            text = "Attempting to delete a container that is not stopped MUST have no effect on the container and MUST generate an error (running)")
    void deleteOfARunningContainerFails(Sandbox sb) {
        Container c = running(sb);
        long pid = c.state().path("pid").asLong();
        assertFalse(c.tryDelete().ok(), "delete of a running container succeeded");
        assertEquals("running", c.status());
        assertEquals(pid, c.state().path("pid").asLong());
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Delete",
            text = "Attempting to delete a container that is not stopped MUST have no effect on the container and MUST generate an error (created)")
    @Deviation(runtime = "runc", reason = "runc delete of a created container kills and removes it (runc delete.go: case Created -> killContainer)")
    void deleteOfACreatedContainerFails(Sandbox sb) {
        Container c = sb.create(sb.bundle().args("/probe", "sleep", "100").build());
        assertFalse(c.tryDelete().ok(), "delete of a created container succeeded");
        assertEquals("created", c.status());
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Delete",
            text = "This operation MUST generate an error if it is not provided the container ID")
    void deleteWithoutAnIdFails(Sandbox sb) {
        assertFalse(sb.cli().exec("delete").ok());
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Delete",
            text = "Attempting to delete a container that does not exist MUST generate an error")
    void deleteOfAnUnknownContainerFails(Sandbox sb) {
        assertFalse(sb.cli().exec("delete", "no-such-container").ok());
    }

    @Test
    @Requirement(file = "runc-cli", heading = "delete",
            text = "delete --force of a container that no longer exists succeeds: engines call it after every delete")
    void deleteForceOfADeletedContainerSucceeds(Sandbox sb) throws Exception {
        Container c = stopped(sb);
        c.delete();
        Path log = sb.dir().resolve("delete-force.log");
        CliResult r = sb.cli().exec(RuntimeCli.Call.of("--log", log.toString(), "delete", "--force", c.id()));
        assertTrue(r.ok(), "delete --force after delete: " + r);
        assertTrue(Files.exists(log), "the --log file was not created");
        assertTrue(sb.cli().exec("delete", "-f", "never-created").ok(), "delete -f of an unknown id failed");
    }

    @Test
    @Requirement(file = "runc-cli", heading = "delete",
            text = "delete --force still refuses an id that is not valid, and a call without an id")
    void deleteForceOfAnInvalidIdFails(Sandbox sb) {
        assertFalse(sb.cli().exec("delete", "--force", "../escape").ok(), "delete --force ../escape succeeded");
        assertFalse(sb.cli().exec("delete", "--force").ok(), "delete --force without an id succeeded");
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Errors",
            text = "Generating an error MUST leave the state of the environment as if the operation were never attempted (failed create leaves no container)")
    void aFailedCreateLeavesNoContainerBehind(Sandbox sb) {
        Bundle b = sb.bundle().args("/probe", "exit", "0").rootPath("no-such-rootfs").build();
        Container c = sb.tryCreate(b);
        assertFalse(c.createResult().ok(), "create with a missing rootfs succeeded");
        assertFalse(c.tryState().ok(), "state works for a container whose create failed");
        assertTrue(sb.cli().exec("list", "-q").stdout().isBlank(), "list shows a container after a failed create");
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Start",
            text = "This operation MUST generate an error if process was not set")
    void createOrStartWithoutProcessFails(Sandbox sb) {
        var builder = sb.bundle();
        builder.config().remove("process");
        Container c = sb.tryCreate(builder.build());
        if (c.createResult().ok()) {
            assertFalse(c.tryStart().ok(), "start succeeded without process");
        }
    }
}
