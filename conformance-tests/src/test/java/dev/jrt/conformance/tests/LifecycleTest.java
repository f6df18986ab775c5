package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.Bundle;
import dev.jrt.conformance.support.Container;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** runtime.md "Lifecycle": what create, start, the process exit and delete do, step by step. */
@ConformanceTest
class LifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    @Requirement(file = "runtime.md", heading = "Lifecycle",
            text = "step 2: the resources requested in config.json MUST be created, the user-specified program MUST NOT be run at this time")
    void createDoesNotRunTheUserProgram(Sandbox sb) throws Exception {
        Path out = sb.hostDir("out");
        Bundle b = sb.bundle().bind(out, "/out", "bind").shell("echo ran > /out/marker").build();
        Container c = sb.create(b);
        Thread.sleep(300);
        assertFalse(Files.exists(out.resolve("marker")), "the user program ran during create");
        assertEquals("created", c.status());
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Lifecycle",
            text = "step 8: the runtime MUST run the user-specified program, as specified by process")
    @Requirement(file = "runtime.md", heading = "Start",
            text = "This operation MUST run the user-specified program as specified by process")
    void startRunsTheUserProgram(Sandbox sb) {
        Path out = sb.hostDir("out");
        Bundle b = sb.bundle().bind(out, "/out", "bind").shell("echo ran > /out/marker").build();
        Container c = sb.create(b);
        c.start();
        assertEquals("ran\n", Container.awaitFile(out.resolve("marker"), WAIT));
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Lifecycle",
            text = "step 2: any updates to config.json after this step MUST NOT affect the container")
    @Requirement(file = "runtime.md", heading = "Create",
            text = "Any changes made to the config.json file after this operation will not have an effect on the container")
    void configChangesAfterCreateDoNotAffectTheContainer(Sandbox sb) throws Exception {
        Path out = sb.hostDir("out");
        Bundle b = sb.bundle().bind(out, "/out", "bind").shell("echo original > /out/marker").build();
        Container c = sb.create(b);
        String changed = Files.readString(b.config()).replace("echo original", "echo changed");
        Files.writeString(b.config(), changed);
        c.start();
        assertEquals("original\n", Container.awaitFile(out.resolve("marker"), WAIT));
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Lifecycle",
            text = "step 2: if the runtime is unable to create the environment specified in config.json, it MUST generate an error")
    @Requirement(file = "runtime.md", heading = "Create",
            text = "If the runtime cannot apply a property as specified in the configuration, it MUST generate an error and a new container MUST NOT be created")
    void createFailsWhenAMountCannotBeMade(Sandbox sb) {
        Bundle b = sb.bundle().bind(sb.dir().resolve("does-not-exist"), "/mnt", "bind").build();
        Container c = sb.tryCreate(b);
        assertFalse(c.createResult().ok(), "create succeeded although a bind mount source does not exist");
        assertFalse(c.tryState().ok(), "a container exists after a failed create");
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Lifecycle",
            text = "step 10/11/12: after the process exits, delete destroys the container")
    @Requirement(file = "runtime.md", heading = "Delete",
            text = "Deleting a container MUST delete the resources that were created during the create step")
    void deleteAfterExitDestroysTheContainer(Sandbox sb) {
        Container c = sb.create(sb.bundle().args("/probe", "exit", "0").build());
        c.start();
        c.awaitStatus("stopped", WAIT);
        c.delete();
        assertFalse(c.tryState().ok(), "state still works after delete");
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Scope of a Container",
            text = "The entity using a runtime to create a container MUST be able to use the operations defined in this specification against that same container")
    void allOperationsWorkOnTheCreatedContainer(Sandbox sb) {
        Container c = sb.create(sb.bundle().args("/probe", "sleep", "100").build());
        assertEquals("created", c.status());
        c.start();
        assertEquals("running", c.status());
        c.kill("KILL");
        c.awaitStatus("stopped", WAIT);
        c.delete();
        assertFalse(c.tryState().ok());
    }
}
