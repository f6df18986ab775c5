package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.BundleBuilder;
import dev.jrt.conformance.support.CliResult;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.Container;
import dev.jrt.conformance.support.Fixtures;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.RuntimeCli;
import dev.jrt.conformance.support.RuntimeUnderTest;
import dev.jrt.conformance.support.Sandbox;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code exec ID CMD}: runc's extension to the operations of runtime.md (which defines no exec),
 * as runc's command line has it. A running container whose init sleeps; each test execs into it
 * and checks what the new process gets, from the host or through the probe.
 */
@ConformanceTest
class ExecTest {

    private static final String EXEC = "exec is runc's extension to these operations (runtime.md defines no exec): ";

    /** A started container whose init writes the probe's report to /init.json and then sleeps. */
    private static Container running(Sandbox sb) {
        return running(sb, sb.bundle());
    }

    private static Container running(Sandbox sb, BundleBuilder b) {
        Container c = sb.create(b.shell("/probe report > /init.json; exec /probe sleep 600").build());
        c.start();
        Container.awaitFile(b.rootfs().resolve("init.json"), Duration.ofSeconds(10));
        return c;
    }

    private static CliResult exec(Sandbox sb, Container c, String... args) {
        return exec(sb, RuntimeCli.Call.of(execArgs(c, List.of(), args)));
    }

    private static CliResult exec(Sandbox sb, RuntimeCli.Call call) {
        return sb.cli().exec(call);
    }

    private static String[] execArgs(Container c, List<String> flags, String... command) {
        List<String> a = new ArrayList<>(List.of("exec"));
        a.addAll(flags);
        a.add(c.id());
        a.addAll(List.of(command));
        return a.toArray(String[]::new);
    }

    private static ProbeReport execReport(Sandbox sb, Container c, String... flags) {
        CliResult r = sb.cli().exec(execArgs(c, List.of(flags), "/probe", "report"));
        assertTrue(r.ok(), () -> r.describe() + "\n  log: " + sb.cli().logText());
        return ProbeReport.parse(r.stdout());
    }

    private static ProbeReport initReport(Container c) throws Exception {
        return ProbeReport.parse(Files.readString(c.bundle().rootfs().resolve("init.json")));
    }

    // --- terminal ---------------------------------------------------------------------------

    /** Starts recvtty on a socket in the sandbox; returns it once it listens. */
    private static Process recvtty(Sandbox sb, Path socket, Path out) throws Exception {
        Process p = new ProcessBuilder(Fixtures.recvtty().toString(), socket.toString(), out.toString())
                .redirectErrorStream(true).start();
        sb.onClose(p::destroyForcibly);
        BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", lines.readLine(), "recvtty did not start");
        return p;
    }

    private static String execOnTerminal(Sandbox sb, Container c, List<String> flags, String... command)
            throws Exception {
        Path socket = sb.dir().resolve("exec-tty.sock");
        Path out = sb.dir().resolve("exec-tty.out");
        Process receiver = recvtty(sb, socket, out);
        // runc takes --console-socket only with --detach (without, it relays its own terminal)
        List<String> f = new ArrayList<>(List.of("--detach", "--tty", "--console-socket", socket.toString()));
        f.addAll(flags);
        CliResult r = sb.cli().exec(execArgs(c, f, command));
        assertTrue(r.ok(), () -> r.describe() + "\n  log: " + sb.cli().logText());
        assertTrue(receiver.waitFor(20, TimeUnit.SECONDS), "the terminal never closed");
        return Files.readString(out).replace("\r", "");
    }

    @Test
    @Requirement(file = "config.md", heading = "Process",
            text = "terminal (bool, OPTIONAL) specifies whether a terminal is attached to the process; "
                    + EXEC + "exec --detach --tty --console-socket runs the new process on a new pty whose master goes to the socket")
    void execWithATtyRunsTheProcessOnAPty(Sandbox sb) throws Exception {
        Container c = running(sb);
        String out = execOnTerminal(sb, c, List.of(), "/bin/sh", "-c",
                "test -t 0 && echo stdin-tty; test -t 1 && echo stdout-tty; test -t 2 && echo stderr-tty; tty");
        assertTrue(out.matches("stdin-tty\nstdout-tty\nstderr-tty\n/dev/pts/[0-9]+\n"), out);
        assertFalse(initReport(c).stdinIsTty(), "the init has no terminal: the pty is the exec'd process's own");
    }

    @Test
    @Requirement(file = "config.md", heading = "Process",
            text = "consoleSize (object, OPTIONAL) specifies the console size in characters of the terminal; "
                    + EXEC + "a --process file with terminal and consoleSize gets a pty of that size")
    void execWithAProcessFileSetsTheConsoleSize(Sandbox sb) throws Exception {
        Container c = running(sb);
        ObjectNode p = ((ObjectNode) BundleBuilder.baseConfig().get("process")).deepCopy();
        p.put("terminal", true);
        p.putObject("consoleSize").put("height", 31).put("width", 101);
        p.putArray("args").add("/bin/stty").add("size");
        Path file = sb.dir().resolve("tty-process.json");
        BundleBuilder.json().writeValue(file.toFile(), p);
        Path socket = sb.dir().resolve("exec-tty.sock");
        Path out = sb.dir().resolve("exec-tty.out");
        Process receiver = recvtty(sb, socket, out);
        CliResult r = sb.cli().exec("exec", "--detach", "--console-socket", socket.toString(), "--process",
                file.toString(), c.id());
        assertTrue(r.ok(), () -> r.describe() + "\n  log: " + sb.cli().logText());
        assertTrue(receiver.waitFor(20, TimeUnit.SECONDS), "the terminal never closed");
        assertEquals("31 101\n", Files.readString(out).replace("\r", ""));
    }

    // --- status, detach --------------------------------------------------------------------

    @Test
    @Requirement(file = "runtime.md", heading = "Operations",
            text = EXEC + "without --detach, exec returns the exit status of the process")
    void execReturnsTheExitStatusOfTheProcess(Sandbox sb) {
        Container c = running(sb);
        CliResult r = exec(sb, c, "/bin/sh", "-c", "echo out; echo err >&2; exit 42");
        assertEquals(42, r.exitCode(), r::describe);
        assertEquals("out\n", r.stdout());
        assertTrue(r.stderr().contains("err\n"), r::describe);
        assertEquals(0, exec(sb, c, "/bin/true").exitCode());
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Operations",
            text = EXEC + "exec --detach --pid-file F returns at once, with F written (no trailing newline, as runc) "
                    + "holding the host pid of the process, which runs in the container's cgroups")
    void detachWritesThePidFileOfAProcessInTheContainersCgroup(Sandbox sb) throws Exception {
        Container c = running(sb);
        Path pidFile = sb.dir().resolve("exec.pid");
        CliResult r = sb.cli().exec("exec", "--detach", "--pid-file", pidFile.toString(), c.id(), "/probe", "sleep", "600");
        assertTrue(r.ok(), () -> r.describe() + "\n  log: " + sb.cli().logText());
        assertTrue(Files.exists(pidFile), "no pid file when exec returned");
        String text = Files.readString(pidFile);
        assertTrue(text.matches("[1-9][0-9]*"), "pid file content: \"" + text + "\"");
        long pid = Long.parseLong(text);
        long init = c.pidFromFile();
        assertNotEquals(init, pid);
        // runc returns before its runc init has called execve: the pid is right, its program may still change
        String cmdline = "";
        for (int i = 0; i < 100 && !cmdline.equals("/probe\u0000sleep\u0000600\u0000"); i++) {
            cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline"));
            Thread.sleep(50);
        }
        assertEquals("/probe\u0000sleep\u0000600\u0000", cmdline, "the pid is the exec'd process");
        List<String> cgroups = Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"));
        assertEquals(Files.readAllLines(Path.of("/proc/" + init + "/cgroup")), cgroups);
        assertNotEquals(Files.readAllLines(Path.of("/proc/self/cgroup")), cgroups);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Operations",
            text = EXEC + "an attached exec forwards the signals it receives to the process and returns its exit status")
    void anAttachedExecForwardsSignals(Sandbox sb) throws Exception {
        Container c = running(sb);
        Path out = sb.dir().resolve("signal.out");
        Process exec = new ProcessBuilder(RuntimeUnderTest.get().binary().toString(), "--root", sb.cli().root().toString(),
                "exec", c.id(), "/bin/sh", "-c", "trap 'echo got-term; exit 3' TERM; echo ready; while :; do sleep 0.1; done")
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        sb.onClose(exec::destroyForcibly);
        assertEquals("ready\n", Container.awaitFile(out, Duration.ofSeconds(20)));
        exec.toHandle().destroy(); // SIGTERM to the runtime
        assertTrue(exec.waitFor(20, TimeUnit.SECONDS), "exec did not return after SIGTERM");
        assertEquals(3, exec.exitValue());
        assertEquals("ready\ngot-term\n", Files.readString(out));
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Operations",
            text = EXEC + "exec into a created container runs the process and does not start the container (as runc)")
    void execIntoACreatedContainerDoesNotStartIt(Sandbox sb) {
        Container c = sb.create(sb.bundle().shell("echo started > /started").build());
        CliResult r = exec(sb, c, "/bin/sh", "-c", "echo $$");
        assertTrue(r.ok(), () -> r.describe() + "\n  log: " + sb.cli().logText());
        long pid = Long.parseLong(r.stdout().strip());
        // the kernel hands out no pid below 300 after a wrap: a small pid is one of the container's namespace
        assertTrue(pid > 1 && pid < 300, "not the init, and a pid of the container's pid namespace: " + pid);
        assertEquals("created", c.status());
        assertFalse(Files.exists(c.bundle().rootfs().resolve("started")));
    }

    // --- overrides -------------------------------------------------------------------------

    @Test
    @Requirement(file = "runtime.md", heading = "Operations",
            text = EXEC + "--env adds to the config's environment, --cwd, --user uid:gid and --additional-gids "
                    + "replace the config's; without --cwd the process starts in the config's cwd")
    void envCwdUserAndAdditionalGidsApply(Sandbox sb) {
        Container c = running(sb);
        ProbeReport p = execReport(sb, c, "--env", "FOO=bar", "--env", "TERM=dumb", "--cwd", "/tmp",
                "--user", "1000:1001", "--additional-gids", "5", "--additional-gids", "7");
        assertEquals("bar", p.envMap().get("FOO"), p.env()::toString);
        assertEquals("dumb", p.envMap().get("TERM"), "--env overrides the config's value: " + p.env());
        assertEquals("/usr/sbin:/usr/bin:/sbin:/bin", p.envMap().get("PATH"), "the config's env stays: " + p.env());
        assertEquals("/tmp", p.cwd());
        assertEquals(1000, p.uid());
        assertEquals(1001, p.gid());
        assertTrue(p.groups().containsAll(List.of(5L, 7L)), "groups: " + p.groups());
        // started from a host directory: the process gets the config's cwd, never the runtime's
        CliResult r = sb.cli().exec(RuntimeCli.Call.of(execArgs(c, List.of(), "/probe", "report")).cwd(sb.hostDir("cwd")));
        assertTrue(r.ok(), r::describe);
        ProbeReport plain = ProbeReport.parse(r.stdout());
        assertEquals("/", plain.cwd());
        assertEquals(0, plain.uid());
        assertFalse(plain.envMap().containsKey("FOO"));
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Operations",
            text = EXEC + "--cap adds a capability to the process's bounding, effective and permitted sets")
    void capAddsACapability(Sandbox sb) {
        Container c = running(sb);
        long sysAdmin = 1L << 21;
        ProbeReport plain = execReport(sb, c);
        assertEquals(0, plain.capabilities("CapEff") & sysAdmin, "the config does not grant CAP_SYS_ADMIN");
        ProbeReport p = execReport(sb, c, "--cap", "CAP_SYS_ADMIN");
        for (String set : List.of("CapEff", "CapPrm", "CapBnd")) {
            assertEquals(sysAdmin, p.capabilities(set) & sysAdmin, set);
            assertEquals(plain.capabilities(set), p.capabilities(set) & ~sysAdmin, set + ": the config's stay");
        }
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Operations",
            text = EXEC + "--process FILE runs the process that FILE (a config.json \"process\" object) describes, "
                    + "in place of the config's")
    void processFileDescribesTheProcess(Sandbox sb) throws Exception {
        Container c = running(sb);
        ObjectNode p = BundleBuilder.json().createObjectNode();
        p.put("terminal", false);
        p.putObject("user").put("uid", 2).put("gid", 3);
        p.putArray("args").add("/probe").add("report");
        p.putArray("env").add("PATH=/bin").add("FROM=file");
        p.put("cwd", "/tmp");
        Path file = sb.dir().resolve("process.json");
        BundleBuilder.json().writeValue(file.toFile(), p);
        CliResult r = sb.cli().exec("exec", "--process", file.toString(), c.id());
        assertTrue(r.ok(), () -> r.describe() + "\n  log: " + sb.cli().logText());
        ProbeReport report = ProbeReport.parse(r.stdout());
        assertTrue(report.env().containsAll(List.of("PATH=/bin", "FROM=file")), report.env()::toString);
        assertFalse(report.envMap().containsKey("TERM"), "the config's env is not used: " + report.env());
        assertEquals("/tmp", report.cwd());
        assertEquals(2, report.uid());
        assertEquals(3, report.gid());
        assertEquals(0, report.capabilities("CapEff"), "no capabilities in the file, none in the process");
    }

    // --- status rules ----------------------------------------------------------------------

    @Test
    @Requirement(file = "runtime.md", heading = "Operations",
            text = EXEC + "exec into a stopped container generates an error")
    void execIntoAStoppedContainerFails(Sandbox sb) {
        Container c = sb.create(sb.bundle().shell("exit 0").build());
        c.start();
        c.awaitStatus("stopped", Duration.ofSeconds(10));
        CliResult r = exec(sb, c, "/bin/touch", "/ran");
        assertFalse(r.ok(), r::describe);
        assertFalse(r.stderr().isBlank(), "no error message: " + r.describe());
        assertFalse(Files.exists(c.bundle().rootfs().resolve("ran")));
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Operations",
            text = EXEC + "exec into a paused container generates an error; with --ignore-paused the process "
                    + "joins the frozen cgroup and only runs, and exec only returns, after resume (as runc)")
    void execIntoAPausedContainerNeedsIgnorePausedAndRunsAfterResume(Sandbox sb) throws Exception {
        Container c = running(sb);
        CliResult pause = sb.cli().exec("pause", c.id());
        assertTrue(pause.ok(), pause::describe);
        Path ran = c.bundle().rootfs().resolve("ran");
        CliResult refused = exec(sb, c, "/bin/touch", "/ran");
        assertFalse(refused.ok(), refused::describe);
        assertTrue(refused.stderr().contains("paused"), refused::describe);
        assertFalse(Files.exists(ran));

        CompletableFuture<CliResult> ignoring = CompletableFuture.supplyAsync(() -> sb.cli().exec(
                RuntimeCli.Call.of("exec", "--ignore-paused", c.id(), "/bin/touch", "/ran").timeout(Duration.ofSeconds(40))));
        Thread.sleep(3000);
        assertFalse(Files.exists(ran), "the process ran in a paused container");
        assertFalse(ignoring.isDone(), () -> "exec returned while the container was paused: " + ignoring.join().describe());
        assertEquals("paused", c.status());
        CliResult resume = sb.cli().exec("resume", c.id());
        assertTrue(resume.ok(), resume::describe);
        CliResult r = ignoring.get(30, TimeUnit.SECONDS);
        assertTrue(r.ok(), () -> r.describe() + "\n  log: " + sb.cli().logText());
        assertTrue(Files.exists(ran), "the process did not run after resume");
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Errors",
            text = EXEC + "a command that does not exist in the container generates an error that names it")
    void aMissingExecutableFailsNamingIt(Sandbox sb) {
        Container c = running(sb);
        CliResult r = exec(sb, c, "/bin/no-such-program");
        assertFalse(r.ok(), r::describe);
        assertTrue(r.stderr().contains("/bin/no-such-program"), r::describe);
        CliResult viaPath = exec(sb, c, "no-such-program-either");
        assertFalse(viaPath.ok(), viaPath::describe);
        assertTrue(viaPath.stderr().contains("no-such-program-either"), viaPath::describe);
    }

    // --- what the process gets -------------------------------------------------------------

    @Test
    @Requirement(file = "runtime-linux.md", heading = "File descriptors",
            text = "By default, only the stdin, stdout and stderr file descriptors are kept open for the application "
                    + "by the runtime; " + EXEC + "the exec'd process gets the same, and --preserve-fds N passes 3..N+2 too")
    void theProcessSeesOnlyStdioAndPreservedFds(Sandbox sb) {
        Container c = running(sb);
        CliResult r = exec(sb, RuntimeCli.Call.of(execArgs(c, List.of(), "/probe", "report"))
                .shellPrefix("exec 3</etc/hostname 5</etc/hostname 7>/dev/null"));
        assertTrue(r.ok(), () -> r.describe() + "\n  log: " + sb.cli().logText());
        assertEquals(Set.of(0, 1, 2), ProbeReport.parse(r.stdout()).fds().keySet(), r.stdout());

        CliResult kept = exec(sb, RuntimeCli.Call.of(execArgs(c, List.of("--preserve-fds", "2"), "/probe", "report"))
                .shellPrefix("exec 3</etc/hostname 4</etc/hostname 7>/dev/null"));
        assertTrue(kept.ok(), () -> kept.describe() + "\n  log: " + sb.cli().logText());
        var fds = ProbeReport.parse(kept.stdout()).fds();
        assertEquals(Set.of(0, 1, 2, 3, 4), fds.keySet(), kept.stdout());
        assertTrue(fds.get(3).endsWith("/etc/hostname"), "fd 3: " + fds.get(3));
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Operations",
            text = EXEC + "the exec'd process joins the container's namespaces (those of its init)")
    void theProcessJoinsTheContainersNamespaces(Sandbox sb) throws Exception {
        Container c = running(sb, sb.bundle().namespace("cgroup"));
        ProbeReport init = initReport(c);
        ProbeReport p = execReport(sb, c);
        for (String ns : List.of("mnt", "pid", "net", "ipc", "uts", "cgroup")) {
            String expected = init.namespace(ns);
            assertTrue(expected != null && expected.startsWith(ns + ":["), "init's " + ns + ": " + expected);
            assertEquals(expected, p.namespace(ns), ns);
            assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/" + ns)).toString(), expected,
                    ns + " is the host's");
        }
        assertTrue(p.pid() > 1, "a pid of the container's pid namespace: " + p.pid());
        assertEquals(init.hostname(), p.hostname());
    }
}
