package dev.jrt.runtime.cgroups;

import static dev.jrt.runtime.cgroups.DeviceFilterProgram.ACC_MKNOD;
import static dev.jrt.runtime.cgroups.DeviceFilterProgram.ACC_READ;
import static dev.jrt.runtime.cgroups.DeviceFilterProgram.ACC_WRITE;
import static dev.jrt.runtime.cgroups.DeviceFilterProgram.DEV_BLOCK;
import static dev.jrt.runtime.cgroups.DeviceFilterProgram.DEV_CHAR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.runtime.cgroups.DeviceFilterProgram.Insn;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceFilterProgramTest {
    private static final String PROLOGUE = """
            61 2 1 +0 0
            54 2 0 +0 65535
            61 3 1 +0 0
            74 3 0 +0 16
            61 4 1 +4 0
            61 5 1 +8 0
            """;

    private static String text(DeviceFilterProgram p) {
        StringBuilder sb = new StringBuilder();
        p.instructions().forEach(i -> sb.append(i).append('\n'));
        return sb.toString();
    }

    private static DeviceRule allow(char type, long major, long minor, String access) {
        return new DeviceRule(true, type, major, minor, access);
    }

    private static DeviceRule deny(char type, long major, long minor, String access) {
        return new DeviceRule(false, type, major, minor, access);
    }

    @Test
    void noRulesDeniesEverything() {
        assertEquals(PROLOGUE + "b4 0 0 +0 0\n95 0 0 +0 0\n", text(DeviceFilterProgram.build(List.of(), 0)));
    }

    @Test
    void rulesAreCheckedLastFirstWithWildcardsLeftOut() {
        DeviceFilterProgram p = DeviceFilterProgram.build(List.of(
                allow('c', 1, 3, "rwm"),       // checked second
                deny('b', 8, -1, "w")), 2);    // checked first
        assertEquals(PROLOGUE
                // deny b 8:* w: if (type != block || major != 8) skip; if (r3 & w) == 0 skip; return 0
                + "55 2 0 +6 1\n"
                + "55 4 0 +5 8\n"
                + "bc 1 3 +0 0\n"
                + "54 1 0 +0 4\n"
                + "15 1 0 +2 0\n"
                + "b4 0 0 +0 0\n"
                + "95 0 0 +0 0\n"
                // allow c 1:3 rwm: if (type != char || major != 1 || minor != 3) skip; return 1
                + "55 2 0 +4 2\n"
                + "55 4 0 +3 1\n"
                + "55 5 0 +2 3\n"
                + "b4 0 0 +0 1\n"
                + "95 0 0 +0 0\n"
                + "b4 0 0 +0 0\n"
                + "95 0 0 +0 0\n", text(p));
    }

    @Test
    void aPartialAllowClearsItsBits() {
        DeviceFilterProgram p = DeviceFilterProgram.build(List.of(allow('c', -1, -1, "m")), 1);
        assertEquals(PROLOGUE
                + "55 2 0 +4 2\n"
                + "54 3 0 +0 6\n"   // r3 &= ~m
                + "55 3 0 +2 0\n"   // bits left: next rule
                + "b4 0 0 +0 1\n"
                + "95 0 0 +0 0\n"
                + "b4 0 0 +0 0\n"
                + "95 0 0 +0 0\n", text(p));
    }

    @Test
    void anAllRuleEndsTheProgramAndHidesEarlierRules() {
        DeviceFilterProgram p = DeviceFilterProgram.build(List.of(
                deny('c', 1, 3, "rwm"), allow('a', -1, -1, "rwm"), deny('c', 1, 5, "rwm")), 3);
        assertEquals(PROLOGUE
                + "55 2 0 +4 2\n55 4 0 +3 1\n55 5 0 +2 5\nb4 0 0 +0 0\n95 0 0 +0 0\n"
                + "b4 0 0 +0 1\n95 0 0 +0 0\n", text(p));
    }

    @Test
    void numbersAboveIntMaxAreComparedUnsigned() {
        DeviceFilterProgram p = DeviceFilterProgram.build(List.of(allow('c', 4294967295L, -1, "rwm")), 1);
        assertTrue(text(p).contains("b4 1 0 +0 -1\n5d 4 1 +2 0\n"), text(p));
        assertTrue(run(p, DEV_CHAR, ACC_READ, 4294967295L, 0));
        assertFalse(run(p, DEV_CHAR, ACC_READ, 1, 0));
    }

    @Test
    void bytesAreTheKernelsLayout() {
        byte[] b = DeviceFilterProgram.build(List.of(), 0).bytes();
        assertEquals(8 * 8, b.length);
        // ldxw r4, [r1 + 4]: code, dst | src << 4, off (le16), imm (le32)
        assertArrayEquals(new byte[] {0x61, 0x14, 4, 0, 0, 0, 0, 0}, java.util.Arrays.copyOfRange(b, 32, 40));
        assertArrayEquals(new byte[] {0x54, 0x02, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0}, java.util.Arrays.copyOfRange(b, 8, 16));
    }

    // --- what the programs decide, run by a small interpreter of the instructions they use ---

    @Test
    void theLastMatchingRuleWins() {
        List<DeviceRule> later = List.of(deny('a', -1, -1, "rwm"), allow('c', 240, 0, "rwm"), deny('c', 240, 0, "rwm"));
        assertFalse(run(DeviceFilterProgram.forContainer(later), DEV_CHAR, ACC_READ | ACC_WRITE, 240, 0));
        List<DeviceRule> earlier = List.of(deny('a', -1, -1, "rwm"), deny('c', 240, 0, "rwm"), allow('c', 240, 0, "rwm"));
        assertTrue(run(DeviceFilterProgram.forContainer(earlier), DEV_CHAR, ACC_READ | ACC_WRITE, 240, 0));
    }

    @Test
    void theDefaultsAreAllowedAndNothingElse() {
        DeviceFilterProgram p = DeviceFilterProgram.forContainer(List.of(deny('c', 1, 3, "rwm")));
        assertTrue(run(p, DEV_CHAR, ACC_READ | ACC_WRITE, 1, 3), "/dev/null: the defaults come after the config");
        assertTrue(run(p, DEV_CHAR, ACC_READ, 136, 7), "pts");
        assertTrue(run(p, DEV_CHAR, ACC_WRITE, 10, 200), "tun");
        assertTrue(run(p, DEV_BLOCK, ACC_MKNOD, 8, 0), "mknod of any block device");
        assertFalse(run(p, DEV_BLOCK, ACC_READ, 8, 0), "reading a disk");
        assertFalse(run(p, DEV_CHAR, ACC_READ, 1, 1), "/dev/mem");
        assertFalse(run(p, DEV_CHAR, ACC_READ, 10, 201));
    }

    @Test
    void accessBitsAreDecidedOneByOne() {
        // allow r and w separately: rw is allowed; a later deny of w leaves read alone
        DeviceFilterProgram p = DeviceFilterProgram.build(List.of(
                allow('c', 4, -1, "r"), allow('c', 4, -1, "w"), deny('c', 4, 2, "w")), 3);
        assertTrue(run(p, DEV_CHAR, ACC_READ | ACC_WRITE, 4, 1));
        assertTrue(run(p, DEV_CHAR, ACC_READ, 4, 2));
        assertFalse(run(p, DEV_CHAR, ACC_WRITE, 4, 2));
        assertFalse(run(p, DEV_CHAR, ACC_READ | ACC_WRITE, 4, 2), "O_RDWR needs write too");
        assertFalse(run(p, DEV_CHAR, ACC_MKNOD, 4, 1));
        assertFalse(run(p, DEV_BLOCK, ACC_READ, 4, 1));
        // an allow after a deny of the same bits wins
        DeviceFilterProgram q = DeviceFilterProgram.build(List.of(deny('c', 4, 2, "w"), allow('c', 4, -1, "rw")), 2);
        assertTrue(run(q, DEV_CHAR, ACC_READ | ACC_WRITE, 4, 2));
    }

    @Test
    void anAllowAllRuleAllowsEverything() {
        DeviceFilterProgram p = DeviceFilterProgram.forContainer(List.of(allow('a', -1, -1, "rwm")));
        assertTrue(run(p, DEV_BLOCK, ACC_READ | ACC_WRITE, 8, 0));
        DeviceFilterProgram q = DeviceFilterProgram.forContainer(List.of(allow('a', -1, -1, "rwm"), deny('a', -1, -1, "r")));
        assertFalse(run(q, DEV_BLOCK, ACC_READ, 8, 0));
        assertTrue(run(q, DEV_CHAR, ACC_READ, 1, 3), "defaults still apply");
    }

    @Test
    void badRulesNameTheirField() {
        CgroupException e = assertThrows(CgroupException.class,
                () -> DeviceFilterProgram.forContainer(List.of(deny('a', -1, -1, "rwm"), allow('c', 1, 3, "rx"))));
        assertEquals("/linux/resources/devices/1/access: \"rx\" has 'x'; allowed: r, w, m", e.getMessage());
        e = assertThrows(CgroupException.class, () -> DeviceFilterProgram.forContainer(List.of(allow('u', 1, 3, "r"))));
        assertEquals("/linux/resources/devices/0/type: \"u\" is not a device type; allowed: a, b, c", e.getMessage());
        e = assertThrows(CgroupException.class, () -> DeviceFilterProgram.forContainer(List.of(allow('c', 1L << 32, 3, "r"))));
        assertEquals("/linux/resources/devices/0/major: 4294967296 is out of range (0 to 4294967295, or unset for any)",
                e.getMessage());
    }

    /**
     * Runs a program on struct bpf_cgroup_dev_ctx {u32 access_type, major, minor}; true when it
     * returns 1. Knows only the instructions the builder emits, and checks jumps stay inside.
     */
    static boolean run(DeviceFilterProgram p, int type, int access, long major, long minor) {
        long[] r = new long[11];
        int[] ctx = {(access << 16) | type, (int) major, (int) minor};
        List<Insn> code = p.instructions();
        for (int pc = 0; ; pc++) {
            assertTrue(pc >= 0 && pc < code.size(), "pc " + pc + " outside the program");
            Insn i = code.get(pc);
            long imm = i.imm();               // sign-extended, as the kernel does for 64-bit compares
            long u32 = i.imm() & 0xFFFF_FFFFL; // 32-bit ALU results are zero-extended
            switch (i.code()) {
                case 0x61 -> r[i.dst()] = ctx[i.off() / 4] & 0xFFFF_FFFFL;
                case 0x54 -> r[i.dst()] = (r[i.dst()] & u32) & 0xFFFF_FFFFL;
                case 0x74 -> r[i.dst()] = (r[i.dst()] & 0xFFFF_FFFFL) >>> i.imm();
                case 0xb4 -> r[i.dst()] = u32;
                case 0xbc -> r[i.dst()] = r[i.src()] & 0xFFFF_FFFFL;
                case 0x15 -> pc += r[i.dst()] == imm ? i.off() : 0;
                case 0x55 -> pc += r[i.dst()] != imm ? i.off() : 0;
                case 0x5d -> pc += r[i.dst()] != r[i.src()] ? i.off() : 0;
                case 0x95 -> {
                    return r[0] == 1;
                }
                default -> throw new AssertionError("unexpected instruction " + i);
            }
        }
    }
}
