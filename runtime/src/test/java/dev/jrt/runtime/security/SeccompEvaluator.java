package dev.jrt.runtime.security;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Runs a compiled seccomp program (struct sock_filter[]) on one struct seccomp_data, as the kernel
 * does, so that tests can ask what a filter answers instead of looking for constants in it. Knows
 * the classic BPF instructions libseccomp emits; any other fails the test.
 */
final class SeccompEvaluator {
    static final int AUDIT_ARCH_X86_64 = 0xc000003e;
    static final int AUDIT_ARCH_I386 = 0x40000003;
    static final int X32_SYSCALL_BIT = 0x40000000;

    private SeccompEvaluator() {}

    /** The action word the program returns for syscall {@code nr} of {@code arch} with {@code args}. */
    static int run(byte[] program, int arch, int nr, long... args) {
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(0, nr).putInt(4, arch);
        for (int i = 0; i < args.length; i++) {
            data.putLong(16 + 8 * i, args[i]);
        }
        ByteBuffer p = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        int a = 0;
        for (int pc = 0; pc * 8 < program.length; pc++) {
            int code = p.getShort(pc * 8) & 0xffff;
            int jt = p.get(pc * 8 + 2) & 0xff;
            int jf = p.get(pc * 8 + 3) & 0xff;
            int k = p.getInt(pc * 8 + 4);
            switch (code) {
                case 0x20 -> a = data.getInt(k); // BPF_LD | BPF_W | BPF_ABS
                case 0x54 -> a &= k; // BPF_ALU | BPF_AND | BPF_K
                case 0x06 -> { // BPF_RET | BPF_K
                    return k;
                }
                case 0x05 -> pc += k; // BPF_JMP | BPF_JA
                case 0x15 -> pc += a == k ? jt : jf; // BPF_JEQ
                case 0x25 -> pc += Integer.compareUnsigned(a, k) > 0 ? jt : jf; // BPF_JGT
                case 0x35 -> pc += Integer.compareUnsigned(a, k) >= 0 ? jt : jf; // BPF_JGE
                case 0x45 -> pc += (a & k) != 0 ? jt : jf; // BPF_JSET
                default -> throw new AssertionError("instruction " + pc + ": opcode 0x" + Integer.toHexString(code));
            }
        }
        throw new AssertionError("the program ran off its end");
    }
}
