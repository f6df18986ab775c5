package dev.jrt.runtime.plan.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Decodes jrt-init's messages (u32 type, i32 a, i32 b, u32 text length, text) and encodes ACK. */
public final class ReplyDecoder {
    private ReplyDecoder() {}

    public static Reply decode(byte[] message, int length) {
        if (length < WireFormat.MESSAGE_HEADER_SIZE) {
            throw new IllegalArgumentException("short message from jrt-init: " + length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(message, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        int type = b.getInt();
        int a = b.getInt();
        int c = b.getInt();
        int textLength = b.getInt();
        if (textLength < 0 || textLength != length - WireFormat.MESSAGE_HEADER_SIZE) {
            throw new IllegalArgumentException("malformed message from jrt-init: text length " + textLength);
        }
        String text = new String(message, WireFormat.MESSAGE_HEADER_SIZE, textLength, StandardCharsets.UTF_8);
        switch (type) {
            case WireFormat.MSG_USERMAP: return new Reply.UserMap(a);
            case WireFormat.MSG_INIT_PID: return new Reply.InitPid(a);
            case WireFormat.MSG_SYNC: return new Reply.Sync(a, text);
            case WireFormat.MSG_READY: return new Reply.Ready();
            case WireFormat.MSG_ERROR: return new Reply.Error(a, c, text);
            case WireFormat.MSG_SECCOMP_FD: return new Reply.SeccompFd(a);
            default: throw new IllegalArgumentException("unknown message type " + type + " from jrt-init");
        }
    }

    public static byte[] ack() {
        return ByteBuffer.allocate(WireFormat.MESSAGE_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(WireFormat.MSG_ACK).putInt(0).putInt(0).putInt(0).array();
    }
}
