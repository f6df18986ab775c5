package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.CliResult;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.RuntimeCli;
import dev.jrt.conformance.support.Sandbox;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** runtime-linux.md "File descriptors". */
@ConformanceTest
class FileDescriptorsTest {

    @Test
    @Requirement(file = "runtime-linux.md", heading = "File descriptors",
            text = "By default, only the stdin, stdout and stderr file descriptors are kept open for the application by the runtime")
    void onlyStdioIsInheritedByDefault(Sandbox sb) {
        var b = sb.bundle().build();
        // the runtime itself is started with extra descriptors 5 and 7 open
        CliResult r = sb.cli().exec(RuntimeCli.Call.of("run", "--bundle", b.dir().toString(), sb.newId())
                .shellPrefix("exec 5</etc/hostname 7>/dev/null").timeout(Duration.ofSeconds(30)));
        assertTrue(r.ok(), r.describe());
        ProbeReport p = ProbeReport.parse(r.stdout());
        assertEquals(Set.of(0, 1, 2), p.fds().keySet(), "open descriptors: " + p.fds());
    }
}
