package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrt.conformance.Deviation;
import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.BundleBuilder;
import dev.jrt.conformance.support.CliResult;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.Sandbox;
import org.junit.jupiter.api.Test;

/** config-linux.md "Seccomp". */
@ConformanceTest
class SeccompTest {

    private static ObjectNode rule(BundleBuilder b, String action, String... names) {
        ObjectNode sc = b.linux().putObject("seccomp");
        sc.put("defaultAction", "SCMP_ACT_ALLOW");
        sc.putArray("architectures").add("SCMP_ARCH_X86_64");
        ObjectNode r = sc.putArray("syscalls").addObject();
        var n = r.putArray("names");
        for (String s : names) {
            n.add(s);
        }
        r.put("action", action);
        return r;
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Seccomp",
            text = "SCMP_ACT_ERRNO with errnoRet: the listed syscalls fail with that errno; others are allowed by the default action")
    void anErrnoRuleReturnsItsErrno(Sandbox sb) {
        var b = sb.bundle().args("/probe", "syscall", "mkdir");
        rule(b, "SCMP_ACT_ERRNO", "mkdir", "mkdirat").put("errnoRet", 18);
        ProbeReport p = ProbeReport.parse(sb.tryRun(b.build()).stdout());
        assertEquals(18, p.errno(), "mkdir: " + p);
        ProbeReport other = ProbeReport.parse(sb.run(b.args("/probe", "syscall", "getcwd").build()).stdout());
        assertEquals(0, other.errno(), "getcwd is not in the rule: " + other);
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Seccomp",
            text = "errnoRet: the errno return code to use; the default is EPERM")
    void anErrnoRuleWithoutErrnoRetReturnsEperm(Sandbox sb) {
        var b = sb.bundle().args("/probe", "syscall", "mkdir");
        rule(b, "SCMP_ACT_ERRNO", "mkdir", "mkdirat");
        assertEquals(1, ProbeReport.parse(sb.tryRun(b.build()).stdout()).errno());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Seccomp",
            text = "seccomp: a filter is loaded for the container process (Seccomp mode 2 in /proc/self/status)")
    void theFilterIsLoaded(Sandbox sb) {
        var b = sb.bundle();
        rule(b, "SCMP_ACT_ERRNO", "mkdir");
        ProbeReport p = sb.report(b.build());
        assertEquals(2, p.seccompMode());
        assertTrue(p.seccompFilters() >= 1, "Seccomp_filters " + p.seccompFilters());
        assertEquals(0, sb.report(sb.bundle().build()).seccompMode(), "a filter was loaded without seccomp in the config");
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Seccomp",
            text = "SCMP_ACT_KILL: the process calling a listed syscall is killed")
    void aKillRuleKillsTheProcess(Sandbox sb) {
        var b = sb.bundle().args("/probe", "syscall", "mkdir");
        rule(b, "SCMP_ACT_KILL_PROCESS", "mkdir", "mkdirat");
        CliResult r = sb.tryRun(b.build());
        assertNotEquals(0, r.exitCode(), r.describe());
        assertFalse(r.stdout().contains("\"syscall\""), "the syscall returned: " + r.stdout());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Seccomp",
            text = "When the action doesn't support an errno, the runtime MUST print and error and fail (errnoRet with SCMP_ACT_ALLOW)")
    @Deviation(runtime = "runc", reason = "runc 1.1 accepts errnoRet on actions without an errno and ignores it")
    void errnoRetOnAnActionWithoutErrnoIsAnError(Sandbox sb) {
        var b = sb.bundle();
        rule(b, "SCMP_ACT_KILL", "mkdir").put("errnoRet", 18);
        b.linux().withObjectProperty("seccomp").put("defaultAction", "SCMP_ACT_ALLOW");
        assertFalse(sb.tryRun(b.build()).ok());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Seccomp",
            text = "action: an unknown action is an invalid value (runtimes MUST generate an error)")
    void anUnknownActionIsAnError(Sandbox sb) {
        var b = sb.bundle();
        rule(b, "SCMP_ACT_NOT_AN_ACTION", "mkdir");
        assertFalse(sb.tryRun(b.build()).ok());
    }
}
