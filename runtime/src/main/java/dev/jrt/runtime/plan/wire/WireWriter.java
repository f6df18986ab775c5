package dev.jrt.runtime.plan.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Appends little-endian fields of the wire format to a growing buffer. */
final class WireWriter {
    private byte[] buf = new byte[512];
    private int size;

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    WireWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    WireWriter bool(boolean v) {
        return u8(v ? 1 : 0);
    }

    WireWriter u16(int v) {
        ensure(2);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        return this;
    }

    WireWriter u32(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    WireWriter u64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** u32 length (0xffffffff for null), UTF-8 bytes, NUL. NUL inside a string is refused. */
    WireWriter str(String s) {
        if (s == null) {
            return u32(WireFormat.NULL_LENGTH);
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (byte x : b) {
            if (x == 0) {
                throw new IllegalArgumentException("string contains NUL: " + s.replace('\0', '@'));
            }
        }
        u32(b.length);
        raw(b);
        return u8(0);
    }

    /** u32 length, bytes; null is written as empty. */
    WireWriter bytes(byte[] b) {
        byte[] v = b == null ? new byte[0] : b;
        u32(v.length);
        return raw(v);
    }

    /** u32 count, strings. */
    WireWriter strList(List<String> list) {
        List<String> v = list == null ? List.of() : list;
        u32(v.size());
        v.forEach(this::str);
        return this;
    }

    WireWriter raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    int size() {
        return size;
    }

    void putU32(int offset, int v) {
        for (int i = 0; i < 4; i++) {
            buf[offset + i] = (byte) (v >>> (8 * i));
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
