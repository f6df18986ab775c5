package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrt.conformance.Deviation;
import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.BundleBuilder;
import dev.jrt.conformance.support.CliResult;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.Fixtures;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.Sandbox;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** config-linux.md "Seccomp". */
@ConformanceTest
class SeccompTest {

    /** What a static binary, runc's init and jrt-init need after the filter is loaded. */
    private static final List<String> STARTUP = List.of("read", "write", "close", "openat", "open", "execve",
            "exit", "exit_group", "getcwd", "brk", "arch_prctl", "set_tid_address", "set_robust_list", "rseq", "prlimit64", "mprotect",
            "readlinkat", "readlink", "newfstatat", "fstat", "futex", "sendto", "sendmsg", "close_range", "fcntl",
            "getpid", "mmap", "munmap", "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigaltstack", "nanosleep",
            "sched_yield", "tgkill", "gettid", "getppid", "capget", "capset", "prctl", "setgroups", "setresuid",
            "setresgid", "fchdir", "chdir", "faccessat", "faccessat2", "access", "stat", "lstat", "epoll_pwait",
            "epoll_ctl", "epoll_create1", "clone", "madvise", "mincore", "uname", "getrandom", "seccomp", "dup3",
            "statfs", "fstatfs", "getdents64", "getdents", "lseek", "pread64", "ioctl", "dup2", "pipe2", "wait4",
            "waitid", "kill", "getuid", "geteuid", "getgid", "getegid", "sched_getaffinity", "clone3", "mremap",
            "ppoll", "pselect6", "poll", "select", "setuid", "setgid", "getgroups");

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

    @Test
    @Requirement(file = "config-linux.md", heading = "Seccomp",
            text = "args: a rule applies only when the syscall's arguments match (SCMP_CMP_MASKED_EQ, SCMP_CMP_NE)")
    void argumentConditionsSelectTheCallsARuleApplies(Sandbox sb) {
        var b = sb.bundle().args("/probe", "syscall", "mkdir");
        // the probe calls mkdir(path, 0700): mode & 0700 == 0700 matches, mode != 0700 does not
        var r = rule(b, "SCMP_ACT_ERRNO", "mkdir");
        r.put("errnoRet", 18);
        r.putArray("args").addObject().put("index", 1).put("value", 0700).put("valueTwo", 0700).put("op", "SCMP_CMP_MASKED_EQ");
        assertEquals(18, ProbeReport.parse(sb.tryRun(b.build()).stdout()).errno());
        var b2 = sb.bundle().args("/probe", "syscall", "mkdir");
        var r2 = rule(b2, "SCMP_ACT_ERRNO", "mkdir");
        r2.put("errnoRet", 18);
        r2.putArray("args").addObject().put("index", 1).put("value", 0700).put("op", "SCMP_CMP_NE");
        assertNotEquals(18, ProbeReport.parse(sb.tryRun(b2.build()).stdout()).errno());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Seccomp",
            text = "defaultErrnoRet: the errno returned by the default action SCMP_ACT_ERRNO; syscalls listed with SCMP_ACT_ALLOW work")
    void defaultErrnoRetIsReturnedForUnlistedSyscalls(Sandbox sb) {
        var b = sb.bundle().args("/probe", "syscall", "mkdir");
        ObjectNode sc = b.linux().putObject("seccomp");
        sc.put("defaultAction", "SCMP_ACT_ERRNO").put("defaultErrnoRet", 38);
        var names = sc.putArray("syscalls").addObject().put("action", "SCMP_ACT_ALLOW").putArray("names");
        STARTUP.forEach(names::add);
        CliResult r = sb.tryRun(b.build());
        assertEquals(38, ProbeReport.parse(r.stdout()).errno(), "mkdir is not allowed: " + r.describe());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Seccomp",
            text = "syscalls: every rule applies, with each listed architecture (podman's profile: socketcall, which"
                    + " x86_64 lacks, and three socket rules, one ERRNO and two ALLOW, with x86 and x32)")
    void podmansConditionalSocketRulesApply(Sandbox sb) {
        CliResult audit = sb.tryRun(podmanSocketRules(sb, "socket_audit").build());
        assertEquals(22, ProbeReport.parse(audit.stdout()).errno(),
                "socket(AF_NETLINK, SOCK_RAW, NETLINK_AUDIT) is EINVAL: " + audit.describe());
        CliResult unix = sb.tryRun(podmanSocketRules(sb, "socket_unix").build());
        assertEquals(0, ProbeReport.parse(unix.stdout()).errno(), "socket(AF_UNIX) is allowed: " + unix.describe());
        ProbeReport bare = ProbeReport.parse(sb.tryRun(sb.bundle().args("/probe", "syscall", "socket_audit").build()).stdout());
        assertNotEquals(22, bare.errno(), "without the filter the kernel does not say EINVAL: " + bare);
    }

    private static BundleBuilder podmanSocketRules(Sandbox sb, String call) {
        var b = sb.bundle().args("/probe", "syscall", call);
        ObjectNode sc = b.linux().putObject("seccomp");
        sc.put("defaultAction", "SCMP_ACT_ERRNO").put("defaultErrnoRet", 38);
        sc.putArray("architectures").add("SCMP_ARCH_X86_64").add("SCMP_ARCH_X86").add("SCMP_ARCH_X32");
        var rules = sc.putArray("syscalls");
        var names = rules.addObject().put("action", "SCMP_ACT_ALLOW").putArray("names");
        STARTUP.forEach(names::add);
        names.add("socketcall");
        var audit = rules.addObject().put("action", "SCMP_ACT_ERRNO").put("errnoRet", 22);
        audit.putArray("names").add("socket");
        var auditArgs = audit.putArray("args");
        auditArgs.addObject().put("index", 0).put("value", 16).put("op", "SCMP_CMP_EQ");
        auditArgs.addObject().put("index", 2).put("value", 9).put("op", "SCMP_CMP_EQ");
        var notAudit = rules.addObject().put("action", "SCMP_ACT_ALLOW");
        notAudit.putArray("names").add("socket");
        notAudit.putArray("args").addObject().put("index", 2).put("value", 9).put("op", "SCMP_CMP_NE");
        var notNetlink = rules.addObject().put("action", "SCMP_ACT_ALLOW");
        notNetlink.putArray("names").add("socket");
        notNetlink.putArray("args").addObject().put("index", 0).put("value", 16).put("op", "SCMP_CMP_NE");
        return b;
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Seccomp",
            text = "seccomp with noNewPrivileges: the filter is loaded as well (without CAP_SYS_ADMIN, after no_new_privs)")
    void theFilterIsLoadedWithNoNewPrivileges(Sandbox sb) {
        var b = sb.bundle().noNewPrivileges(true).user(1000, 1000).capabilities().args("/probe", "syscall", "mkdir");
        rule(b, "SCMP_ACT_ERRNO", "mkdir", "mkdirat").put("errnoRet", 18);
        assertEquals(18, ProbeReport.parse(sb.tryRun(b.build()).stdout()).errno());
        var b2 = sb.bundle().noNewPrivileges(true).user(1000, 1000).capabilities();
        rule(b2, "SCMP_ACT_ERRNO", "mkdir");
        ProbeReport p = sb.report(b2.build());
        assertEquals(2, p.seccompMode());
        assertEquals(1, p.noNewPrivs());
        assertEquals(1, p.seccompFilters(), "one filter: the runtime's own steps load no other");
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Seccomp",
            text = "flags: SECCOMP_FILTER_FLAG_LOG and SECCOMP_FILTER_FLAG_SPEC_ALLOW are passed to seccomp(2)")
    @Deviation(runtime = "runc", reason = "runc 1.1 refuses every flag: \"seccomp flags are not yet supported by runc\"")
    void flagsAreAccepted(Sandbox sb) {
        var b = sb.bundle().args("/probe", "syscall", "mkdir");
        rule(b, "SCMP_ACT_ERRNO", "mkdir", "mkdirat").put("errnoRet", 18);
        b.linux().withObjectProperty("seccomp").putArray("flags").add("SECCOMP_FILTER_FLAG_LOG").add("SECCOMP_FILTER_FLAG_SPEC_ALLOW");
        assertEquals(18, ProbeReport.parse(sb.tryRun(b.build()).stdout()).errno());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Seccomp",
            text = "SCMP_ACT_TRAP: the process calling a listed syscall gets SIGSYS (killed: it has no handler)")
    void aTrapRuleSendsSigsys(Sandbox sb) {
        var b = sb.bundle().args("/probe", "syscall", "mkdir");
        rule(b, "SCMP_ACT_TRAP", "mkdir", "mkdirat");
        CliResult r = sb.tryRun(b.build());
        assertEquals(128 + 31, r.exitCode(), r.describe());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Seccomp",
            text = "names: a syscall name unknown to the runtime's libseccomp is skipped, not an error (as runc)")
    void anUnknownSyscallNameIsSkipped(Sandbox sb) {
        var b = sb.bundle().args("/probe", "syscall", "mkdir");
        rule(b, "SCMP_ACT_ERRNO", "not_a_syscall_at_all", "mkdir", "mkdirat").put("errnoRet", 18);
        assertEquals(18, ProbeReport.parse(sb.tryRun(b.build()).stdout()).errno());
    }

    /** What seccomp-agent printed after "ready", and the state it was sent, for one run of the probe's mkdir. */
    private record AgentRun(CliResult result, List<String> lines, JsonNode state) {
    }

    /** Runs the probe's mkdir under an SCMP_ACT_NOTIFY rule with seccomp-agent answering errno 18. */
    private static AgentRun runWithAgent(Sandbox sb) throws Exception {
        Path socket = sb.dir().resolve("agent.sock");
        Path stateFile = sb.dir().resolve("agent-state.json");
        Process agent = new ProcessBuilder(Fixtures.seccompAgent().toString(), socket.toString(), stateFile.toString(),
                "errno:18").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        sb.onClose(agent::destroyForcibly);
        BufferedReader out = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine(), "seccomp-agent did not start");
        var b = sb.bundle().args("/probe", "syscall", "mkdir");
        rule(b, "SCMP_ACT_NOTIFY", "mkdir", "mkdirat");
        ObjectNode sc = b.linux().withObjectProperty("seccomp");
        sc.put("listenerPath", socket.toString());
        sc.put("listenerMetadata", "conformance");
        CliResult r = sb.tryRun(b.build());
        assertTrue(agent.waitFor(20, TimeUnit.SECONDS), "the listener never saw the filter's end: " + r.describe());
        List<String> lines = out.lines().toList();
        assertEquals(0, agent.exitValue(), "seccomp-agent: " + lines + " " + r.describe());
        JsonNode state = Files.exists(stateFile) ? new ObjectMapper().readTree(Files.readString(stateFile)) : null;
        return new AgentRun(r, lines, state);
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "The Container Process State",
            text = "listenerPath: with SCMP_ACT_NOTIFY the runtime sends the container process state (fds [\"seccompFd\"],"
                    + " pid, metadata, state) and the notify fd (SCM_RIGHTS) to the socket; the listener's answer is"
                    + " what the syscall returns")
    void aNotifyListenerGetsTheStateAndAnswersTheSyscall(Sandbox sb) throws Exception {
        AgentRun run = runWithAgent(sb);
        assertEquals(18, ProbeReport.parse(run.result().stdout()).errno(), "mkdir: " + run.result().describe());
        assertEquals("fds 1", run.lines().get(0), "the listener got one descriptor: " + run.lines());
        assertTrue(run.lines().stream().anyMatch(l -> l.startsWith("notified ")), "mkdir was not notified: " + run.lines());
        JsonNode state = run.state();
        assertEquals("seccompFd", state.path("fds").path(0).asText(), state.toString());
        assertEquals(1, state.path("fds").size(), state.toString());
        assertEquals("conformance", state.path("metadata").asText(), state.toString());
        assertFalse(state.path("ociVersion").asText().isEmpty(), state.toString());
        assertTrue(state.path("pid").asInt() > 0, state.toString());
        assertEquals(state.path("pid").asInt(), state.path("state").path("pid").asInt(), "the init: " + state);
        assertEquals("creating", state.path("state").path("status").asText(), state.toString());
        assertFalse(state.path("state").path("id").asText().isEmpty(), state.toString());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Seccomp",
            text = "listenerPath: exactly one container process state per connection, and the connection MUST be closed"
                    + " after sending it")
    @Deviation(runtime = "runc", reason = "runc 1.1.5 never closes the listener connection: sendContainerProcessState"
            + " (libcontainer/process_linux.go) sends on a dup from conn.File() and closes only that dup, the net.Conn"
            + " stays open until runc exits, so a listener waiting for EOF deadlocks with the container")
    void theListenerConnectionIsClosedAfterTheState(Sandbox sb) throws Exception {
        AgentRun run = runWithAgent(sb);
        assertEquals(List.of("fds 1", "closed"), run.lines().subList(0, Math.min(2, run.lines().size())),
                "closed before the container's first notified syscall (the agent waits 2 s for it): " + run.lines());
    }
}
