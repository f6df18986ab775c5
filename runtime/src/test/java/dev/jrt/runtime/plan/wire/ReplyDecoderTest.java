package dev.jrt.runtime.plan.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplyDecoderTest {
    static byte[] message(int type, int a, int b, String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(16 + t.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(type).putInt(a).putInt(b).putInt(t.length).put(t).array();
    }

    static Reply decode(byte[] m) {
        return ReplyDecoder.decode(m, m.length);
    }

    @Test
    void decodesEveryMessage() {
        assertEquals(new Reply.UserMap(42), decode(message(1, 42, 0, "")));
        assertEquals(new Reply.InitPid(43), decode(message(2, 43, 0, "")));
        assertEquals(new Reply.Sync(7, "createRuntime"), decode(message(3, 7, 0, "createRuntime")));
        assertEquals(new Reply.Ready(), decode(message(4, 0, 0, "")));
        assertEquals(new Reply.Error(3, 2, "mount x on /y"), decode(message(5, 3, 2, "mount x on /y")));
        assertEquals(new Reply.Error(-1, 22, "malformed plan"), decode(message(5, -1, 22, "malformed plan")));
    }

    @Test
    void refusesShortOrInconsistentMessages() {
        assertThrows(IllegalArgumentException.class, () -> ReplyDecoder.decode(new byte[8], 8));
        byte[] m = message(3, 1, 0, "abc");
        assertThrows(IllegalArgumentException.class, () -> ReplyDecoder.decode(m, m.length - 1));
        assertThrows(IllegalArgumentException.class, () -> decode(message(99, 0, 0, "")));
    }

    @Test
    void ackIsTypeHundredWithNoText() {
        ByteBuffer b = ByteBuffer.wrap(ReplyDecoder.ack()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(16, b.remaining());
        assertEquals(100, b.getInt());
        assertEquals(0, b.getInt(12));
    }
}
