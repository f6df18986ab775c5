package dev.jrt.runtime.cgroups;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The cgroup v2 device filter: a BPF_PROG_TYPE_CGROUP_DEVICE program built from the same rule list
 * cgroup v1 gets (deny all, the config's rules, then {@link DeviceRule#defaults()}), with the same
 * outcome: the last rule that matches a device and an access bit decides that bit, and an access
 * is allowed only when every requested bit (read, write, mknod) is. Nothing matching means deny.
 *
 * <p>The program checks the rules from last to first (as runc and crun do), keeping the requested
 * bits that no later rule has decided yet in r3: a matching deny rule that covers one of them
 * returns 0, a matching allow rule clears the bits it covers and returns 1 once none is left.
 * A rule of type {@code a} stands for every device and every access, as it does for v1's
 * devices.allow/deny; rules before it are never reached and are left out.
 *
 * <pre>
 *   r2 = ctx->access_type &amp; 0xffff   (BPF_DEVCG_DEV_BLOCK 1, _CHAR 2)
 *   r3 = ctx->access_type &gt;&gt; 16      (BPF_DEVCG_ACC_MKNOD 1, _READ 2, _WRITE 4)
 *   r4 = ctx->major, r5 = ctx->minor
 *   per rule: if (r2 != type || r4 != major || r5 != minor) goto next   (a wildcard skips its test)
 *     deny:  if (r3 &amp; access) return 0
 *     allow: r3 &amp;= ~access; if (r3 == 0) return 1
 *   return 0
 * </pre>
 */
public final class DeviceFilterProgram {
    /** The license the program is loaded under (runc's choice; it calls no GPL-only helper). */
    public static final String LICENSE = "Apache";

    static final int DEV_BLOCK = 1;
    static final int DEV_CHAR = 2;
    static final int ACC_MKNOD = 1;
    static final int ACC_READ = 2;
    static final int ACC_WRITE = 4;
    static final int ACC_ALL = ACC_MKNOD | ACC_READ | ACC_WRITE;

    // opcodes (linux/bpf.h, linux/bpf_common.h)
    static final int LDX_MEM_W = 0x61;
    static final int ALU_AND_K = 0x54;
    static final int ALU_RSH_K = 0x74;
    static final int ALU_MOV_K = 0xb4;
    static final int ALU_MOV_X = 0xbc;
    static final int JMP_JEQ_K = 0x15;
    static final int JMP_JNE_K = 0x55;
    static final int JMP_JNE_X = 0x5d;
    static final int JMP_EXIT = 0x95;

    /** One eBPF instruction: struct bpf_insn {u8 code; u8 dst:4, src:4; s16 off; s32 imm}. */
    public record Insn(int code, int dst, int src, int off, int imm) {
        @Override
        public String toString() {
            return String.format("%02x %d %d %+d %d", code, dst, src, off, imm);
        }
    }

    private final List<Insn> insns;

    private DeviceFilterProgram(List<Insn> insns) {
        this.insns = List.copyOf(insns);
    }

    public List<Insn> instructions() {
        return insns;
    }

    /** The instructions as the kernel reads them (8 bytes each, little endian as on x86_64/arm64). */
    public byte[] bytes() {
        ByteBuffer b = ByteBuffer.allocate(insns.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (Insn i : insns) {
            b.put((byte) i.code()).put((byte) (i.dst() | (i.src() << 4))).putShort((short) i.off()).putInt(i.imm());
        }
        return b.array();
    }

    /**
     * The filter for a container whose config lists {@code configRules} (index N is
     * /linux/resources/devices/N): deny by default, those rules, then runc's default devices.
     */
    public static DeviceFilterProgram forContainer(List<DeviceRule> configRules) {
        List<DeviceRule> all = new ArrayList<>(configRules);
        all.addAll(DeviceRule.defaults());
        return build(all, configRules.size());
    }

    /** The filter for exactly {@code rules} on top of deny-all (no defaults). */
    static DeviceFilterProgram build(List<DeviceRule> rules, int configured) {
        List<Insn> out = new ArrayList<>();
        out.add(new Insn(LDX_MEM_W, 2, 1, 0, 0));
        out.add(new Insn(ALU_AND_K, 2, 0, 0, 0xffff));
        out.add(new Insn(LDX_MEM_W, 3, 1, 0, 0));
        out.add(new Insn(ALU_RSH_K, 3, 0, 0, 16));
        out.add(new Insn(LDX_MEM_W, 4, 1, 4, 0));
        out.add(new Insn(LDX_MEM_W, 5, 1, 8, 0));
        for (int n = rules.size() - 1; n >= 0; n--) {
            String where = n < configured ? "/linux/resources/devices/" + n : "default device rule " + rules.get(n).v1Line();
            if (block(rules.get(n), where, out)) {
                return new DeviceFilterProgram(out); // unconditional: nothing after it is reachable
            }
        }
        out.add(new Insn(ALU_MOV_K, 0, 0, 0, 0));
        out.add(new Insn(JMP_EXIT, 0, 0, 0, 0));
        return new DeviceFilterProgram(out);
    }

    /** Appends one rule's block; true when it always returns (a type "a" rule). */
    private static boolean block(DeviceRule rule, String where, List<Insn> out) {
        int access = access(rule.access(), where);
        if (rule.type() == 'a') {
            out.add(new Insn(ALU_MOV_K, 0, 0, 0, rule.allow() ? 1 : 0));
            out.add(new Insn(JMP_EXIT, 0, 0, 0, 0));
            return true;
        }
        int type = switch (rule.type()) {
            case 'c' -> DEV_CHAR;
            case 'b' -> DEV_BLOCK;
            default -> throw new CgroupException(where + "/type: \"" + rule.type() + "\" is not a device type;"
                    + " allowed: a, b, c");
        };
        if (access == 0) {
            return false; // grants or denies nothing
        }
        // jumps to "next" are written with off = -1 - index and fixed once the block's length is known
        List<Insn> b = new ArrayList<>();
        b.add(new Insn(JMP_JNE_K, 2, 0, -1, type));
        number(rule.major(), 4, where + "/major", b);
        number(rule.minor(), 5, where + "/minor", b);
        if (!rule.allow()) {
            if (access != ACC_ALL) {
                // if ((r3 & access) == 0) goto next
                b.add(new Insn(ALU_MOV_X, 1, 3, 0, 0));
                b.add(new Insn(ALU_AND_K, 1, 0, 0, access));
                b.add(new Insn(JMP_JEQ_K, 1, 0, -1, 0));
            }
            b.add(new Insn(ALU_MOV_K, 0, 0, 0, 0));
        } else {
            if (access != ACC_ALL) {
                b.add(new Insn(ALU_AND_K, 3, 0, 0, ~access & ACC_ALL));
                b.add(new Insn(JMP_JNE_K, 3, 0, -1, 0));
            }
            b.add(new Insn(ALU_MOV_K, 0, 0, 0, 1));
        }
        b.add(new Insn(JMP_EXIT, 0, 0, 0, 0));
        for (int i = 0; i < b.size(); i++) {
            Insn in = b.get(i);
            if (in.code() != JMP_EXIT && (in.code() & 0x07) == 0x05 && in.off() == -1) {
                b.set(i, new Insn(in.code(), in.dst(), in.src(), b.size() - i - 1, in.imm()));
            }
        }
        out.addAll(b);
        return false;
    }

    /** if (reg != value) goto next; nothing for a wildcard (-1). */
    private static void number(long value, int reg, String where, List<Insn> b) {
        if (value == -1) {
            return;
        }
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new CgroupException(where + ": " + value + " is out of range (0 to 4294967295, or unset for any)");
        }
        if (value <= Integer.MAX_VALUE) {
            b.add(new Insn(JMP_JNE_K, reg, 0, -1, (int) value));
        } else {
            // a 64-bit compare would sign-extend the immediate: load it zero-extended into r1
            b.add(new Insn(ALU_MOV_K, 1, 0, 0, (int) value));
            b.add(new Insn(JMP_JNE_X, reg, 1, -1, 0));
        }
    }

    private static int access(String access, String where) {
        int bits = 0;
        for (char c : access.toCharArray()) {
            bits |= switch (c) {
                case 'r' -> ACC_READ;
                case 'w' -> ACC_WRITE;
                case 'm' -> ACC_MKNOD;
                default -> throw new CgroupException(where + "/access: \"" + access + "\" has '" + c
                        + "'; allowed: r, w, m");
            };
        }
        return bits;
    }
}
