package dev.jrt.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.sys.LibSeccomp;
import dev.jrt.spec.ConfigLoader;
import dev.jrt.spec.model.LinuxSeccomp;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SeccompCompilerTest {
    @BeforeAll
    static void needsLibseccomp() {
        Assumptions.assumeTrue(LibSeccomp.available(), "libseccomp is not installed");
    }

    static LinuxSeccomp seccomp(String json) {
        String config = """
                {"ociVersion": "1.0.2", "process": {"args": ["sh"], "cwd": "/"}, "root": {"path": "rootfs"},
                 "linux": {"namespaces": [{"type": "mount"}], "seccomp": %s}}""".formatted(json);
        return ConfigLoader.parse(config).linux().seccomp();
    }

    /** The k fields of BPF_RET instructions (opcode 0x06): the actions the program can return. */
    static Set<Integer> returns(byte[] program) {
        ByteBuffer b = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        Set<Integer> out = new HashSet<>();
        for (int i = 0; i < program.length; i += 8) {
            if ((b.getShort(i) & 0xffff) == 0x06) {
                out.add(b.getInt(i + 4));
            }
        }
        return out;
    }

    @Test
    void actionsMapToSeccompReturnValues() {
        assertEquals(0x7fff0000, SeccompCompiler.action("SCMP_ACT_ALLOW", null));
        assertEquals(0x00050001, SeccompCompiler.action("SCMP_ACT_ERRNO", null), "EPERM by default");
        assertEquals(0x00050012, SeccompCompiler.action("SCMP_ACT_ERRNO", 18L));
        assertEquals(0x7ff00001, SeccompCompiler.action("SCMP_ACT_TRACE", null));
        assertEquals(0x7ff00026, SeccompCompiler.action("SCMP_ACT_TRACE", 38L));
        assertEquals(0, SeccompCompiler.action("SCMP_ACT_KILL", null), "KILL is KILL_THREAD, as in runc");
        assertEquals(0, SeccompCompiler.action("SCMP_ACT_KILL_THREAD", null));
        assertEquals(0x80000000, SeccompCompiler.action("SCMP_ACT_KILL_PROCESS", null));
        assertEquals(0x00030000, SeccompCompiler.action("SCMP_ACT_TRAP", null));
        assertEquals(0x7ffc0000, SeccompCompiler.action("SCMP_ACT_LOG", null));
        assertEquals(0x7fc00000, SeccompCompiler.action("SCMP_ACT_NOTIFY", null));
    }

    @Test
    void everyActionAndOperatorCompiles() {
        String[] actions = {"SCMP_ACT_ERRNO", "SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_TRAP", "SCMP_ACT_TRACE",
                "SCMP_ACT_LOG", "SCMP_ACT_KILL_THREAD"};
        String[] ops = {"SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ"};
        String[] calls = {"mkdir", "rmdir", "chdir", "fchdir", "link", "unlink", "symlink"};
        List<String> rules = new ArrayList<>();
        for (int i = 0; i < actions.length; i++) {
            rules.add("{\"names\": [\"" + calls[i] + "\"], \"action\": \"" + actions[i] + "\", \"args\": [{\"index\": 1, \"value\": 7,"
                    + " \"valueTwo\": 3, \"op\": \"" + ops[i] + "\"}]}");
        }
        byte[] p = SeccompCompiler.compile(seccomp("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [" + String.join(",", rules) + "]}"),
                n -> {});
        assertEquals(0, p.length % 8);
        Set<Integer> r = returns(p);
        for (int want : new int[] {0x7fff0000, 0x00050001, 0, 0x80000000, 0x00030000, 0x7ff00001, 0x7ffc0000}) {
            assertTrue(r.contains(want), Integer.toHexString(want) + " in " + r);
        }
    }

    @Test
    void defaultErrnoRetIsTheDefaultActionsErrno() {
        byte[] p = SeccompCompiler.compile(seccomp("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": 38,"
                + " \"syscalls\": [{\"names\": [\"read\", \"write\"], \"action\": \"SCMP_ACT_ALLOW\"}]}"), n -> {});
        assertTrue(returns(p).contains(0x00050026), returns(p).toString());
    }

    @Test
    void unknownSyscallNamesAreSkippedAndReported() {
        List<String> skipped = new ArrayList<>();
        byte[] p = SeccompCompiler.compile(seccomp("{\"defaultAction\": \"SCMP_ACT_ALLOW\","
                + " \"syscalls\": [{\"names\": [\"no_such_syscall\", \"mkdir\"], \"action\": \"SCMP_ACT_ERRNO\"}]}"), skipped::add);
        assertEquals(List.of("no_such_syscall"), skipped);
        assertTrue(returns(p).contains(0x00050001));
    }

    /**
     * Podman's default profile on x86_64 (issue 5): socketcall and three conditional socket rules
     * with x86 and x32 added. socketcall does not exist on x86_64; skipping it as unknown left
     * x86's multiplexed socket rules to clash in libseccomp (EEXIST). runc adds it by its pseudo
     * number, so x86's socketcall is allowed whole and only the direct socket call is filtered.
     */
    @Test
    void podmansSocketRulesCompileAsRuncCompilesThem() {
        List<String> skipped = new ArrayList<>();
        byte[] p = SeccompCompiler.compile(seccomp("""
                {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 38,
                 "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
                 "syscalls": [
                  {"names": ["read", "socketcall"], "action": "SCMP_ACT_ALLOW"},
                  {"names": ["socket"], "action": "SCMP_ACT_ERRNO", "errnoRet": 22,
                   "args": [{"index": 0, "value": 16, "op": "SCMP_CMP_EQ"}, {"index": 2, "value": 9, "op": "SCMP_CMP_EQ"}]},
                  {"names": ["socket"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 2, "value": 9, "op": "SCMP_CMP_NE"}]},
                  {"names": ["socket"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 16, "op": "SCMP_CMP_NE"}]}]}"""),
                skipped::add);
        assertEquals(List.of(), skipped, "socketcall is known to libseccomp");
        int allow = 0x7fff0000, einval = 0x00050016, enosys = 0x00050026;
        int x64 = SeccompEvaluator.AUDIT_ARCH_X86_64, x86 = SeccompEvaluator.AUDIT_ARCH_I386;
        int x32 = SeccompEvaluator.X32_SYSCALL_BIT;
        assertEquals(einval, SeccompEvaluator.run(p, x64, 41, 16, 3, 9), "x86_64 socket(AF_NETLINK, SOCK_RAW, NETLINK_AUDIT)");
        assertEquals(allow, SeccompEvaluator.run(p, x64, 41, 16, 3, 0), "x86_64 socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)");
        assertEquals(allow, SeccompEvaluator.run(p, x64, 41, 1, 1, 0), "x86_64 socket(AF_UNIX, SOCK_STREAM, 0)");
        assertEquals(allow, SeccompEvaluator.run(p, x64, 0), "x86_64 read");
        assertEquals(enosys, SeccompEvaluator.run(p, x64, 83), "x86_64 mkdir");
        assertEquals(einval, SeccompEvaluator.run(p, x64, x32 | 41, 16, 3, 9), "x32 socket(..., NETLINK_AUDIT)");
        assertEquals(allow, SeccompEvaluator.run(p, x64, x32 | 41, 2, 1, 0), "x32 socket(AF_INET, ...)");
        assertEquals(einval, SeccompEvaluator.run(p, x86, 359, 16, 3, 9), "x86 socket(..., NETLINK_AUDIT)");
        assertEquals(allow, SeccompEvaluator.run(p, x86, 359, 2, 1, 0), "x86 socket(AF_INET, ...)");
        assertEquals(allow, SeccompEvaluator.run(p, x86, 102, 1, 0), "x86 socketcall(SYS_SOCKET, ...), as runc");
    }

    @Test
    void aRuleWithTheDefaultActionIsSkippedAsLibseccompRefusesIt() {
        byte[] p = SeccompCompiler.compile(seccomp("{\"defaultAction\": \"SCMP_ACT_ALLOW\","
                + " \"syscalls\": [{\"names\": [\"mkdir\"], \"action\": \"SCMP_ACT_ALLOW\"}]}"), n -> {});
        assertEquals(Set.of(0x7fff0000, 0), returns(p), "allow, and kill for a foreign architecture");
    }

    @Test
    void twoConditionsOnOneArgumentBecomeTwoRules() {
        byte[] p = SeccompCompiler.compile(seccomp("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"personality\"],"
                + " \"action\": \"SCMP_ACT_ERRNO\", \"args\": [{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"},"
                + " {\"index\": 0, \"value\": 8, \"op\": \"SCMP_CMP_EQ\"}]}]}"), n -> {});
        assertTrue(returns(p).contains(0x00050001));
    }

    @Test
    void extraArchitecturesGrowTheProgram() {
        String rule = "\"syscalls\": [{\"names\": [\"mkdir\"], \"action\": \"SCMP_ACT_ERRNO\"}]";
        byte[] one = SeccompCompiler.compile(seccomp("{\"defaultAction\": \"SCMP_ACT_ALLOW\", " + rule + "}"), n -> {});
        byte[] three = SeccompCompiler.compile(seccomp("{\"defaultAction\": \"SCMP_ACT_ALLOW\","
                + " \"architectures\": [\"SCMP_ARCH_X86_64\", \"SCMP_ARCH_X86\", \"SCMP_ARCH_X32\"], " + rule + "}"), n -> {});
        assertTrue(three.length > one.length, one.length + " vs " + three.length);
    }

    @Test
    void anArchitectureThisLibseccompDoesNotKnowNamesTheField() {
        Assumptions.assumeTrue(LibSeccomp.resolveArch("loongarch64") == 0, "this libseccomp knows loongarch64");
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> SeccompCompiler.compile(
                seccomp("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"architectures\": [\"SCMP_ARCH_X86_64\", \"SCMP_ARCH_LOONGARCH64\"]}"), n -> {}));
        assertTrue(e.getMessage().startsWith("config.json: /linux/seccomp/architectures/1: libseccomp "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" does not know SCMP_ARCH_LOONGARCH64"), e.getMessage());
    }

    @Test
    void differentProfilesGiveDifferentPrograms() {
        byte[] a = SeccompCompiler.compile(seccomp("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"mkdir\"], \"action\": \"SCMP_ACT_ERRNO\"}]}"), n -> {});
        byte[] b = SeccompCompiler.compile(seccomp("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"rmdir\"], \"action\": \"SCMP_ACT_ERRNO\"}]}"), n -> {});
        assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
    }
}
