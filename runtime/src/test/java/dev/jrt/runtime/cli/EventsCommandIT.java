package dev.jrt.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.api.CreateOptions;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `jrt events` on a real container, as the CLI prints it: stats objects every --interval, an oom
 * event when the kernel's OOM killer kills in the container, and the end of the stream (status 0)
 * when the container stops.
 */
class EventsCommandIT {
    @TempDir
    Path tmp;

    private Path bundle;
    private Path rootfs;
    private Path stateRoot;
    private LinuxRuntime runtime;
    private final ContainerId id = ContainerId.of("events-" + ProcessHandle.current().pid());

    @BeforeEach
    void setUp() throws Exception {
        TestBundle.assumeRootIntegration();
        bundle = tmp.resolve("bundle");
        rootfs = TestBundle.create(bundle);
        Files.createSymbolicLink(rootfs.resolve("bin/dd"), Path.of("busybox"));
        stateRoot = tmp.resolve("state");
        runtime = new LinuxRuntime(new RuntimeOptions(stateRoot, LinuxRuntime.defaultInitBinary(), LogSink.NONE, false));
    }

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.delete(id, true);
        }
    }

    /** `jrt events ARGS... ID` running on another thread: its output so far, and its end. */
    private record Events(ByteArrayOutputStream out, CompletableFuture<List<JsonNode>> done) {
        boolean printed(String type) {
            return out.toString(StandardCharsets.UTF_8).contains("\"type\":\"" + type + "\"");
        }
    }

    private Events events(String... args) {
        List<String> argv = new ArrayList<>(List.of("--root", stateRoot.toString(), "events"));
        argv.addAll(List.of(args));
        argv.add(id.value());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return new Events(out, CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(argv.toArray(String[]::new), new PrintStream(out, true), new PrintStream(err, true),
                    new ByteArrayInputStream(new byte[0]), LinuxRuntime::new);
            assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    try {
                        lines.add(Json.mapper().readTree(line));
                    } catch (Exception e) {
                        throw new AssertionError("not one JSON object per line: " + line, e);
                    }
                }
            }
            return lines;
        }));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 3000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    private void awaitFile(String name) throws InterruptedException {
        TestBundle.awaitOutput(rootfs, name);
    }

    @Test
    void anOomKillIsAnEventAndTheStreamEndsWhenTheContainerStops() throws Exception {
        Files.writeString(bundle.resolve("config.json"), TestBundle.config(
                "while [ ! -e /out/go ]; do sleep 0.05; done; dd if=/dev/zero of=/dev/null bs=64M count=1;"
                        + " touch /out/dd.done; exec sleep 60",
                "\"resources\": {\"memory\": {\"limit\": 33554432, \"swap\": 33554432}}"));
        runtime.create(id, CreateOptions.of(bundle));
        runtime.start(id);
        Events events = events("--interval", "200ms");
        // a first stats object shows that events has read the OOM count the hog then raises
        await(() -> events.printed("stats"), "no stats object every 200 ms: " + events.out());
        Files.writeString(rootfs.resolve("out/go"), "");
        awaitFile("dd.done");
        await(() -> events.printed("oom"), "no oom event: " + events.out());
        runtime.kill(id, 9, false);
        List<JsonNode> lines = events.done().get(60, TimeUnit.SECONDS);
        List<JsonNode> ooms = lines.stream().filter(n -> "oom".equals(n.path("type").asText())).toList();
        assertEquals(1, ooms.size(), "oom events: " + lines);
        assertEquals(id.value(), ooms.get(0).path("id").asText());
        JsonNode stats = lines.stream().filter(n -> "stats".equals(n.path("type").asText())).findFirst().orElseThrow();
        assertEquals(33554432, stats.path("data").path("memory").path("usage").path("limit").asLong(), stats.toString());
    }

    @Test
    void statsPrintsOneObjectAndReturns() throws Exception {
        Files.writeString(bundle.resolve("config.json"), TestBundle.config("exec sleep 60",
                "\"resources\": {\"pids\": {\"limit\": 42}}"));
        runtime.create(id, CreateOptions.of(bundle));
        List<JsonNode> lines = events("--stats").done().get(60, TimeUnit.SECONDS);
        assertEquals(1, lines.size(), lines.toString());
        assertEquals("stats", lines.get(0).path("type").asText());
        assertEquals(42, lines.get(0).path("data").path("pids").path("limit").asLong());
    }
}
