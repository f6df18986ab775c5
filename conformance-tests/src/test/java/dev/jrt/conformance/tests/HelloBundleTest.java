package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.CliResult;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.Fixtures;
import dev.jrt.conformance.support.RuntimeCli;
import dev.jrt.conformance.support.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example bundle bundles/hello runs (its rootfs is built by bundles/build-rootfs.sh when missing). */
@ConformanceTest
class HelloBundleTest {

    @Test
    @Requirement(file = "bundle.md", heading = "Filesystem Bundle",
            text = "a bundle (config.json plus its root filesystem) can be run: the example bundle bundles/hello prints hostname hello, pid 1, uid 0")
    void theHelloBundleRuns(Sandbox sb) throws Exception {
        Path hello = Fixtures.repoRoot().resolve("bundles/hello");
        if (!Files.isDirectory(hello.resolve("rootfs/bin"))) {
            Process p = new ProcessBuilder(Fixtures.repoRoot().resolve("bundles/build-rootfs.sh").toString(),
                    hello.resolve("rootfs").toString()).inheritIO().start();
            assertEquals(0, p.waitFor(), "bundles/build-rootfs.sh failed");
        }
        CliResult r = sb.cli().exec(RuntimeCli.Call.of("run", "--bundle", hello.toString(), sb.newId())
                .timeout(Duration.ofSeconds(30)));
        assertTrue(r.ok(), r.describe());
        assertEquals(List.of("hostname: hello", "pid: 1", "uid: 0"), r.stdout().lines().toList());
    }
}
