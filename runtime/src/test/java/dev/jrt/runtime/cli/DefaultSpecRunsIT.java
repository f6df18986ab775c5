package dev.jrt.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrt.runtime.api.RuntimeOptions;
import dev.jrt.runtime.container.LinuxRuntime;
import dev.jrt.runtime.log.LogSink;
import dev.jrt.runtime.testsupport.TestBundle;
import dev.jrt.spec.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `jrt spec` writes a config a real runtime accepts: runc (Debian's) runs it on a busybox
 * rootfs, and so does jrt. Only what a non-interactive test needs changes: no terminal, and a
 * command that reports and exits.
 */
class DefaultSpecRunsIT {
    @TempDir
    Path tmp;

    private Path specBundle() throws Exception {
        Path bundle = tmp.resolve("bundle");
        Files.createDirectories(bundle);
        TestBundle.create(bundle);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"spec", "--bundle", bundle.toString()}, System.out,
                new PrintStream(err), new ByteArrayInputStream(new byte[0]), LinuxRuntime::new);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        ObjectNode config = (ObjectNode) Json.mapper().readTree(bundle.resolve("config.json").toFile());
        ObjectNode process = (ObjectNode) config.get("process");
        process.put("terminal", false);
        process.putArray("args").add("/bin/sh").add("-c").add("hostname; id -u");
        Files.writeString(bundle.resolve("config.json"), Json.mapper().writeValueAsString(config));
        return bundle;
    }

    @Test
    void runcRunsTheDefaultSpec() throws Exception {
        TestBundle.assumeRootIntegration();
        Path bundle = specBundle();
        Process runc = new ProcessBuilder("runc", "--root", tmp.resolve("runc").toString(), "run", "--bundle",
                bundle.toString(), "default-spec-" + ProcessHandle.current().pid())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        assertTrue(runc.waitFor(30, TimeUnit.SECONDS), "runc did not finish");
        String out = new String(runc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, runc.exitValue(), out);
        assertEquals("jrt\n0\n", out);
    }

    @Test
    void jrtRunsTheDefaultSpec() throws Exception {
        TestBundle.assumeRootIntegration();
        Path bundle = specBundle();
        JsonNode config = Json.mapper().readTree(bundle.resolve("config.json").toFile());
        ((ObjectNode) config.get("process")).putArray("args").add("/bin/sh").add("-c")
                .add("hostname > /tmp/out; id -u >> /tmp/out; cp /tmp/out /out/result");
        ((ObjectNode) config.get("root")).put("readonly", false);
        Files.writeString(bundle.resolve("config.json"), Json.mapper().writeValueAsString(config));
        LinuxRuntime runtime = new LinuxRuntime(new RuntimeOptions(tmp.resolve("jrt"),
                Path.of(System.getProperty("jrt.init")), LogSink.NONE, false));
        assertEquals(0, runtime.run(dev.jrt.runtime.api.ContainerId.of("default-spec"),
                dev.jrt.runtime.api.CreateOptions.of(bundle), false));
        assertEquals("jrt\n0\n", Files.readString(bundle.resolve("rootfs/out/result")));
    }
}
