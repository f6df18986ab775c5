package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.CliResult;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.RuntimeCli;
import dev.jrt.conformance.support.Sandbox;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** config.md "Process": args, env, cwd, stdio with terminal=false, oomScoreAdj, noNewPrivileges. */
@ConformanceTest
class ProcessTest {

    @Test
    @Requirement(file = "config.md", heading = "Process",
            text = "args: array of strings with similar semantics to IEEE Std 1003.1-2008 execvp's argv (each element one argument)")
    void argsArePassedUnsplit(Sandbox sb) {
        CliResult r = sb.run(sb.bundle().args("/probe", "echo", "two words  and spaces").build());
        assertEquals("two words  and spaces\n", r.stdout());
    }

    @Test
    @Requirement(file = "config.md", heading = "Process",
            text = "env: array of strings with the same semantics as IEEE Std 1003.1-2008's environ")
    void envIsSetAsConfigured(Sandbox sb) {
        ProbeReport p = sb.report(sb.bundle().env("PATH=/bin", "ALPHA=1", "BETA=two words", "EMPTY=").build());
        Map<String, String> env = p.envMap();
        assertEquals("/bin", env.get("PATH"), "env " + env);
        assertEquals("1", env.get("ALPHA"), "env " + env);
        assertEquals("two words", env.get("BETA"), "env " + env);
        assertEquals("", env.get("EMPTY"), "env " + env);
        assertFalse(env.containsKey("TERM"), "TERM of the base config leaked although env was replaced: " + env);
    }

    @Test
    @Requirement(file = "config.md", heading = "Process",
            text = "cwd is the working directory that will be set for the executable")
    void cwdIsSetAsConfigured(Sandbox sb) {
        assertEquals("/etc", sb.report(sb.bundle().cwd("/etc").build()).cwd());
    }

    @Test
    @Requirement(file = "config.md", heading = "Process",
            text = "cwd: this value MUST be an absolute path (a relative cwd is an invalid value: the runtime MUST generate an error)")
    void aRelativeCwdIsAnError(Sandbox sb) {
        assertFalse(sb.tryRun(sb.bundle().cwd("etc").build()).ok(), "a relative cwd was accepted");
    }

    @Test
    @Requirement(file = "config.md", heading = "Process",
            text = "terminal=false: the process's stdin, stdout and stderr are those given to the runtime (passthrough)")
    void withoutTerminalStdioIsPassedThrough(Sandbox sb) {
        var b = sb.bundle().shell("read line; echo got:$line; echo to-stderr >&2").build();
        CliResult r = sb.cli().exec(RuntimeCli.Call.of("run", "--bundle", b.dir().toString(), sb.newId())
                .stdin("hello from stdin\n").timeout(Duration.ofSeconds(30)));
        assertTrue(r.ok(), r.describe());
        assertEquals("got:hello from stdin\n", r.stdout());
        assertTrue(r.stderr().contains("to-stderr"), "stderr: " + r.stderr());
    }

    @Test
    @Requirement(file = "config.md", heading = "Process",
            text = "terminal=false: the process is not attached to a terminal (stdin is not a tty)")
    void withoutTerminalStdinIsNotATty(Sandbox sb) {
        assertFalse(sb.report(sb.bundle().terminal(false).build()).stdinIsTty());
    }

    @Test
    @Requirement(file = "config.md", heading = "Process",
            text = "Runtimes MUST ignore consoleSize if terminal is false or unset")
    void consoleSizeIsIgnoredWithoutTerminal(Sandbox sb) {
        var b = sb.bundle();
        b.process().putObject("consoleSize").put("height", 25).put("width", 80);
        assertFalse(sb.report(b.build()).stdinIsTty());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Linux Process",
            text = "If oomScoreAdj is set, the runtime MUST set oom_score_adj to the given value")
    void oomScoreAdjIsSet(Sandbox sb) {
        assertEquals(456, sb.report(sb.bundle().oomScoreAdj(456).build()).oomScoreAdj());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Linux Process",
            text = "If oomScoreAdj is not set, the runtime MUST NOT change the value of oom_score_adj")
    void oomScoreAdjIsInheritedWhenNotSet(Sandbox sb) {
        var b = sb.bundle().build();
        // the runtime is started with oom_score_adj 123 (raising it needs no privilege)
        CliResult r = sb.cli().exec(RuntimeCli.Call.of("run", "--bundle", b.dir().toString(), sb.newId())
                .shellPrefix("echo 123 > /proc/self/oom_score_adj").timeout(Duration.ofSeconds(30)));
        assertTrue(r.ok(), r.describe());
        assertEquals(123, ProbeReport.parse(r.stdout()).oomScoreAdj());
    }

    @Test
    @Requirement(file = "config.md", heading = "Linux Process",
            text = "noNewPrivileges set to true prevents the process from gaining additional privileges (NoNewPrivs is 1)")
    void noNewPrivilegesIsSet(Sandbox sb) {
        assertEquals(1, sb.report(sb.bundle().noNewPrivileges(true).build()).noNewPrivs());
    }

    @Test
    @Requirement(file = "config.md", heading = "Linux Process",
            text = "noNewPrivileges false or unset: the no_new_privs bit is not set")
    void noNewPrivilegesIsNotSetByDefault(Sandbox sb) {
        assertEquals(0, sb.report(sb.bundle().noNewPrivileges(false).build()).noNewPrivs());
    }

    @Test
    @Requirement(file = "config.md", heading = "Extensibility",
            text = "Runtimes MAY log unknown properties but MUST otherwise ignore them")
    void unknownPropertiesAreIgnored(Sandbox sb) {
        var b = sb.bundle();
        b.config().putObject("org.example.unknown").put("x", 1);
        b.process().put("orgExampleUnknownField", "value");
        b.linux().putArray("orgExampleUnknownList").add(1);
        assertEquals(0, sb.report(b.build()).uid());
    }

    @Test
    @Requirement(file = "config.md", heading = "Annotations",
            text = "Runtimes MUST handle unknown annotation keys like any other unknown property")
    void unknownAnnotationKeysAreIgnored(Sandbox sb) {
        assertEquals(0, sb.report(sb.bundle().annotation("org.example.unknown.key", "v").build()).uid());
    }

    @Test
    @Requirement(file = "runc-cli", heading = "run",
            text = "run exits with the exit status of the container process")
    void runExitsWithTheProcessExitStatus(Sandbox sb) {
        assertEquals(3, sb.tryRun(sb.bundle().args("/probe", "exit", "3").build()).exitCode());
    }
}
