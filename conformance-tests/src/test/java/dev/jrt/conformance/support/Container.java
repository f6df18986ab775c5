package dev.jrt.conformance.support;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A container made by {@code create}, with the operations of runtime.md as CLI calls. */
public final class Container {

    private final Sandbox sandbox;
    private final String id;
    private final Bundle bundle;
    private final Path pidFile;
    private final Path stdoutFile;
    private final Path stderrFile;
    CliResult createResult;
    private long hostPid = -1;
    private String hostPidStart;

    Container(Sandbox sandbox, String id, Bundle bundle, Path pidFile, Path stdoutFile, Path stderrFile) {
        this.sandbox = sandbox;
        this.id = id;
        this.bundle = bundle;
        this.pidFile = pidFile;
        this.stdoutFile = stdoutFile;
        this.stderrFile = stderrFile;
    }

    public String id() {
        return id;
    }

    public Bundle bundle() {
        return bundle;
    }

    public Path pidFile() {
        return pidFile;
    }

    Path stdoutFile() {
        return stdoutFile;
    }

    Path stderrFile() {
        return stderrFile;
    }

    public CliResult createResult() {
        return createResult;
    }

    /** What the container process wrote to stdout so far (the create call's stdout). */
    public String stdout() {
        return read(stdoutFile);
    }

    public String stderr() {
        return read(stderrFile);
    }

    public CliResult tryState() {
        return sandbox.cli().exec("state", id);
    }

    /** Parsed {@code state ID} output; fails the test if the call fails. */
    public JsonNode state() {
        CliResult r = tryState();
        assertTrue(r.ok(), () -> "state failed:\n" + r.describe());
        try {
            return BundleBuilder.json().readTree(r.stdout());
        } catch (IOException e) {
            return fail("state output is not JSON: " + r.stdout(), e);
        }
    }

    public String status() {
        return state().path("status").asText();
    }

    public CliResult tryStart() {
        return sandbox.cli().exec("start", id);
    }

    public void start() {
        CliResult r = tryStart();
        assertTrue(r.ok(), () -> "start failed:\n" + r.describe() + "\n  log: " + sandbox.cli().logText());
    }

    public CliResult tryKill(String signal) {
        return sandbox.cli().exec("kill", id, signal);
    }

    public void kill(String signal) {
        CliResult r = tryKill(signal);
        assertTrue(r.ok(), () -> "kill failed:\n" + r.describe());
    }

    public CliResult tryDelete() {
        return sandbox.cli().exec("delete", id);
    }

    public void delete() {
        CliResult r = tryDelete();
        assertTrue(r.ok(), () -> "delete failed:\n" + r.describe());
    }

    /** The pid in the pid file (the container process as seen from the host). */
    public long pidFromFile() {
        String s = read(pidFile).trim();
        assertTrue(!s.isEmpty(), "pid file " + pidFile + " is empty or missing");
        long pid = Long.parseLong(s);
        rememberPid(pid);
        return pid;
    }

    private void rememberPid(long pid) {
        if (hostPid < 0) {
            hostPid = pid;
            hostPidStart = startTime(pid);
        }
    }

    /** Polls {@code state} until the status is {@code status}; fails after {@code timeout}. */
    public JsonNode awaitStatus(String status, Duration timeout) {
        long end = System.nanoTime() + RuntimeCli.scaled(timeout).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            CliResult r = tryState();
            if (r.ok()) {
                try {
                    last = BundleBuilder.json().readTree(r.stdout());
                } catch (IOException e) {
                    fail("state output is not JSON: " + r.stdout());
                }
                if (status.equals(last.path("status").asText())) {
                    return last;
                }
            }
            sleep(50);
        }
        return fail("container " + id + " did not reach status " + status + " in " + timeout + "; last state: " + last);
    }

    /** Polls until {@code file} exists and is not empty; returns its content. */
    public static String awaitFile(Path file, Duration timeout) {
        long end = System.nanoTime() + RuntimeCli.scaled(timeout).toNanos();
        while (System.nanoTime() < end) {
            String s = read(file);
            if (!s.isEmpty()) {
                return s;
            }
            sleep(50);
        }
        return fail(file + " did not appear within " + timeout);
    }

    /** After the test: SIGKILL the container process if it still exists (same pid and start time). */
    void killLeftover() {
        if (Files.exists(pidFile)) {
            try {
                rememberPid(Long.parseLong(read(pidFile).trim()));
            } catch (NumberFormatException ignored) {
                return;
            }
        }
        if (hostPid > 0 && hostPidStart != null && hostPidStart.equals(startTime(hostPid))) {
            ProcessHandle.of(hostPid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static String startTime(long pid) {
        String stat = read(Path.of("/proc/" + pid + "/stat"));
        int i = stat.lastIndexOf(')');
        if (i < 0) {
            return null;
        }
        String[] f = stat.substring(i + 2).split(" ");
        return f.length > 19 ? f[19] : null;
    }

    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
