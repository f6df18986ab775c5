package dev.jrt.spec.validate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.jrt.spec.validate.Specs.linuxProblems;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SeccompCheckTest {

    private final Check check = new SeccompCheck();

    private List<String> seccomp(String members) {
        return linuxProblems(check, "'seccomp': {" + members + "}");
    }

    @Test
    void acceptsAProfileInLibseccompNames() {
        assertEquals(List.of(), seccomp("'defaultAction': 'SCMP_ACT_ERRNO', 'defaultErrnoRet': 1, "
                + "'architectures': ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32'], "
                + "'flags': ['SECCOMP_FILTER_FLAG_SPEC_ALLOW'], 'listenerPath': '/run/agent.sock', "
                + "'syscalls': [{'names': ['read', 'write'], 'action': 'SCMP_ACT_ALLOW'}, "
                + "{'names': ['personality'], 'action': 'SCMP_ACT_ALLOW', 'args': [{'index': 0, 'value': 8, 'op': 'SCMP_CMP_EQ'}]}, "
                + "{'names': ['mkdir'], 'action': 'SCMP_ACT_NOTIFY'}, "
                + "{'names': ['ptrace'], 'action': 'SCMP_ACT_TRACE', 'errnoRet': 38}]"));
    }

    @Test
    void namesTheKnownActions() {
        assertEquals(List.of("/linux/seccomp/defaultAction: unknown action \"SCMP_ACT_DENY\" (allowed: SCMP_ACT_ALLOW, "
                        + "SCMP_ACT_ERRNO, SCMP_ACT_KILL, SCMP_ACT_KILL_PROCESS, SCMP_ACT_KILL_THREAD, SCMP_ACT_LOG, "
                        + "SCMP_ACT_NOTIFY, SCMP_ACT_TRACE, SCMP_ACT_TRAP)",
                        "/linux/seccomp/syscalls/0/action: unknown action \"allow\" (allowed: SCMP_ACT_ALLOW, "
                        + "SCMP_ACT_ERRNO, SCMP_ACT_KILL, SCMP_ACT_KILL_PROCESS, SCMP_ACT_KILL_THREAD, SCMP_ACT_LOG, "
                        + "SCMP_ACT_NOTIFY, SCMP_ACT_TRACE, SCMP_ACT_TRAP)"),
                seccomp("'defaultAction': 'SCMP_ACT_DENY', 'syscalls': [{'names': ['read'], 'action': 'allow'}]"));
    }

    @Test
    void namesTheKnownArchitecturesAndFlags() {
        assertEquals(List.of("/linux/seccomp/architectures/1: unknown architecture \"SCMP_ARCH_AMD64\" (allowed: "
                        + "SCMP_ARCH_AARCH64, SCMP_ARCH_ARM, SCMP_ARCH_LOONGARCH64, SCMP_ARCH_M68K, SCMP_ARCH_MIPS, "
                        + "SCMP_ARCH_MIPS64, SCMP_ARCH_MIPS64N32, SCMP_ARCH_MIPSEL, SCMP_ARCH_MIPSEL64, "
                        + "SCMP_ARCH_MIPSEL64N32, SCMP_ARCH_PARISC, SCMP_ARCH_PARISC64, SCMP_ARCH_PPC, SCMP_ARCH_PPC64, "
                        + "SCMP_ARCH_PPC64LE, SCMP_ARCH_RISCV64, SCMP_ARCH_S390, SCMP_ARCH_S390X, SCMP_ARCH_SH, "
                        + "SCMP_ARCH_SHEB, SCMP_ARCH_X32, SCMP_ARCH_X86, SCMP_ARCH_X86_64)",
                        "/linux/seccomp/flags/0: unknown flag \"SECCOMP_FILTER_FLAG_FAST\" (allowed: "
                        + "SECCOMP_FILTER_FLAG_LOG, SECCOMP_FILTER_FLAG_SPEC_ALLOW, SECCOMP_FILTER_FLAG_TSYNC, "
                        + "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV)"),
                seccomp("'defaultAction': 'SCMP_ACT_ALLOW', 'architectures': ['SCMP_ARCH_X86_64', 'SCMP_ARCH_AMD64'], "
                        + "'flags': ['SECCOMP_FILTER_FLAG_FAST']"));
    }

    @Test
    void namesTheKnownOperatorsAndLimitsArgumentIndexes() {
        assertEquals(List.of("/linux/seccomp/syscalls/0/args/0/index: must be between 0 and 5, got 6",
                        "/linux/seccomp/syscalls/0/args/1/op: unknown operator \"SCMP_CMP_IN\" (allowed: SCMP_CMP_EQ, "
                        + "SCMP_CMP_GE, SCMP_CMP_GT, SCMP_CMP_LE, SCMP_CMP_LT, SCMP_CMP_MASKED_EQ, SCMP_CMP_NE)"),
                seccomp("'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls': [{'names': ['clone'], 'action': 'SCMP_ACT_ERRNO', "
                        + "'args': [{'index': 6, 'value': 1, 'op': 'SCMP_CMP_EQ'}, {'index': 0, 'value': 1, 'op': 'SCMP_CMP_IN'}]}]"));
    }

    @Test
    void allowsAnErrnoOnlyForActionsThatReturnOne() {
        assertEquals(List.of("/linux/seccomp/defaultErrnoRet: only SCMP_ACT_ERRNO and SCMP_ACT_TRACE take an errno, "
                        + "not \"SCMP_ACT_KILL\"",
                        "/linux/seccomp/syscalls/0/errnoRet: only SCMP_ACT_ERRNO and SCMP_ACT_TRACE take an errno, "
                        + "not \"SCMP_ACT_ALLOW\""),
                seccomp("'defaultAction': 'SCMP_ACT_KILL', 'defaultErrnoRet': 1, "
                        + "'syscalls': [{'names': ['read'], 'action': 'SCMP_ACT_ALLOW', 'errnoRet': 1}]"));
    }

    @Test
    void needsAListenerForNotifyAndForItsMetadata() {
        assertEquals(List.of("/linux/seccomp/listenerMetadata: needs /linux/seccomp/listenerPath",
                        "/linux/seccomp/syscalls/0/action: SCMP_ACT_NOTIFY needs /linux/seccomp/listenerPath"),
                seccomp("'defaultAction': 'SCMP_ACT_ALLOW', 'listenerMetadata': 'x', "
                        + "'syscalls': [{'names': ['mount'], 'action': 'SCMP_ACT_NOTIFY'}]"));
    }

    @Test
    void refusesNotifyAsTheDefaultAction() {
        assertEquals(List.of("/linux/seccomp/defaultAction: SCMP_ACT_NOTIFY cannot be the default action"),
                seccomp("'defaultAction': 'SCMP_ACT_NOTIFY', 'listenerPath': '/run/a.sock'"));
    }

    @Test
    void needsNonEmptySyscallNamesAndAnAction() {
        assertEquals(List.of("/linux/seccomp/syscalls/0/names/1: must not be empty",
                        "/linux/seccomp/syscalls/0/action: is required"),
                seccomp("'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls': [{'names': ['read', '']}]"));
        assertEquals(List.of("/linux/seccomp/defaultAction: is required"), seccomp(""));
    }
}
