package dev.jrt.runtime.plan.wire;

import static org.junit.jupiter.api.Assertions.*;

import dev.jrt.runtime.plan.ContainerPlan;
import dev.jrt.runtime.plan.Op;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanEncoderTest {
    static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    static ContainerPlan plan(List<Op> ops, List<Integer> fds) {
        return new ContainerPlan(ops, ops.stream().map(o -> "/x").toList(), fds);
    }

    @Test
    void headerHasMagicVersionLengthAndCounts() {
        byte[] b = PlanEncoder.encode(plan(List.of(new Op.Ready(), new Op.Setsid()), List.of(7, 8)));
        assertArrayEquals("JRTP".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOf(b, 4));
        ByteBuffer h = le(b);
        assertEquals(WireFormat.MAGIC, h.getInt(0));
        assertEquals(1, h.getShort(4));
        assertEquals(0, h.getShort(6));
        assertEquals(b.length, h.getInt(8));
        assertEquals(2, h.getInt(12));
        assertEquals(2, h.getInt(16));
        // two empty ops: type, zero, length 0
        assertEquals(WireFormat.HEADER_SIZE + 16, b.length);
        assertEquals(WireFormat.READY, h.getShort(20));
        assertEquals(0, h.getInt(24));
        assertEquals(WireFormat.SETSID, h.getShort(28));
    }

    @Test
    void mountBodyIsStringsFlagsAndCreate() {
        Op.Mount m = new Op.Mount(null, "/proc", true, "proc", 0x0eL, "a=b", Op.Create.DIR);
        byte[] b = PlanEncoder.encode(plan(List.of(m), List.of()));
        ByteBuffer o = le(b).position(WireFormat.HEADER_SIZE);
        assertEquals(WireFormat.MOUNT, o.getShort());
        o.getShort();
        int length = o.getInt();
        assertEquals(b.length - WireFormat.HEADER_SIZE - 8, length);
        assertEquals(-1, o.getInt(), "null source");
        assertEquals(5, o.getInt());
        assertEquals("/proc", str(o, 5));
        assertEquals(0, o.get(), "NUL after a string");
        assertEquals(1, o.get(), "targetInRoot");
        assertEquals(4, o.getInt());
        assertEquals("proc", str(o, 4));
        o.get();
        assertEquals(0x0eL, o.getLong());
        assertEquals(3, o.getInt());
        assertEquals("a=b", str(o, 3));
        o.get();
        assertEquals(1, o.get(), "Create.DIR");
        assertFalse(o.hasRemaining());
    }

    @Test
    void execBodyIsTwoStringLists() {
        byte[] b = PlanEncoder.encode(plan(List.of(new Op.Exec(List.of("/bin/sh", "-c"), List.of("A=é"))), List.of()));
        ByteBuffer o = le(b).position(WireFormat.HEADER_SIZE + 8);
        assertEquals(2, o.getInt());
        assertEquals(7, o.getInt());
        assertEquals("/bin/sh", str(o, 7));
        o.get();
        assertEquals(2, o.getInt());
        assertEquals("-c", str(o, 2));
        o.get();
        assertEquals(1, o.getInt());
        assertEquals(4, o.getInt(), "UTF-8 bytes, not chars");
    }

    @Test
    void everyOpHasAnEncoding() {
        List<Op> all = List.of(
                new Op.EnterNamespaces(List.of(new Op.EnterNamespaces.Join(0x40000000L, "/proc/1/ns/net")), true, 0x20000L, null),
                new Op.SetPropagation("/", 1), new Op.Mount("a", "b", false, null, 0, null, Op.Create.NONE),
                new Op.Mkdir("/d", 0755), new Op.Mknod("/dev/null", 020666, 1, 3, 0, 0), new Op.BindDevice("/dev/null", "/dev/null"),
                new Op.Symlink("t", "/l"), new Op.PivotRoot("/r", false), new Op.WriteFile("/f", new byte[] {1}),
                new Op.MaskPath("/m"), new Op.ReadonlyPath("/r"), new Op.ReadonlyRoot(), new Op.SetHostname("h"),
                new Op.SetDomainname("d"), new Op.Sync("t"), new Op.RunHook("/h", List.of("h"), List.of(), 5, new byte[0]),
                new Op.Setsid(), new Op.Console(0, 24, 80), new Op.Chdir("/"), new Op.Setrlimit(7, 1024, 4096),
                new Op.Umask(022), new Op.Personality(8), new Op.FindExecutable("sh", "/bin"), new Op.Ready(),
                new Op.WaitStart(0), new Op.NoNewPrivileges(), new Op.SetUser(1, 2, new int[] {3, 4}),
                new Op.Capabilities(1, 2, 3, 4, 5), new Op.Seccomp(new byte[8], 0), new Op.CloseFds(3),
                new Op.Exec(List.of("sh"), List.of()));
        byte[] b = PlanEncoder.encode(plan(all, List.of(3)));
        ByteBuffer o = le(b).position(WireFormat.HEADER_SIZE);
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, o.getShort(), "op types follow Op's record order: " + all.get(i));
            o.getShort();
            int length = o.getInt();
            o.position(o.position() + length);
        }
        assertFalse(o.hasRemaining());
    }

    @Test
    void refusesNulInStringsAndTooManyFds() {
        assertThrows(IllegalArgumentException.class,
                () -> PlanEncoder.encode(plan(List.of(new Op.SetHostname("a\0b")), List.of())));
        List<Integer> many = java.util.Collections.nCopies(WireFormat.MAX_FDS + 1, 3);
        assertThrows(IllegalArgumentException.class, () -> PlanEncoder.encode(plan(List.of(new Op.Ready()), many)));
    }

    static String str(ByteBuffer b, int n) {
        byte[] s = new byte[n];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
