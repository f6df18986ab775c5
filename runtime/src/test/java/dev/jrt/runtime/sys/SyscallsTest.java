package dev.jrt.runtime.sys;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Needs no root. */
class SyscallsTest {
    @TempDir
    Path dir;

    @Test
    void passesMessagesAndDescriptorsOverASocketPair() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "hello");
        SeqPacketSocket[] pair = SeqPacketSocket.pair();
        try (SeqPacketSocket a = pair[0]; SeqPacketSocket b = pair[1];
             Fd f = Syscalls.open(file.toString(), Syscalls.O_RDONLY, 0)) {
            a.send("one".getBytes(StandardCharsets.UTF_8), new int[] {f.get()});
            a.send("two".getBytes(StandardCharsets.UTF_8), new int[0]);
            SeqPacketSocket.Received one = b.receive(100, 4);
            assertEquals("one", new String(one.data(), StandardCharsets.UTF_8));
            assertEquals(1, one.fds().length);
            try (Fd received = new Fd(one.fds()[0])) {
                assertNotEquals(f.get(), received.get());
                byte[] buf = new byte[16];
                assertEquals(5, Syscalls.read(received.get(), buf));
                assertEquals(Path.of("/proc/self/fd/" + received.get()).toRealPath(), file.toRealPath());
            }
            SeqPacketSocket.Received two = b.receive(100, 4);
            assertEquals(3, two.length());
            assertEquals(0, two.fds().length);
            a.close();
            assertEquals(0, b.receive(100, 0).length(), "end of stream");
        }
    }

    @Test
    void truncatedMessageIsAnError() {
        SeqPacketSocket[] pair = SeqPacketSocket.pair();
        try (SeqPacketSocket a = pair[0]; SeqPacketSocket b = pair[1]) {
            a.send(new byte[64], new int[0]);
            SyscallException e = assertThrows(SyscallException.class, () -> b.receive(16, 0));
            assertEquals("recvmsg", e.syscall());
        }
    }

    @Test
    void sendToAClosedPeerIsEpipeNotSigpipe() {
        SeqPacketSocket[] pair = SeqPacketSocket.pair();
        pair[1].close();
        try (SeqPacketSocket a = pair[0]) {
            SyscallException e = assertThrows(SyscallException.class, () -> a.send(new byte[1], new int[0]));
            assertEquals(Errno.EPIPE, e.errno());
        }
    }

    @Test
    void openFailureNamesThePath() {
        SyscallException e = assertThrows(SyscallException.class,
                () -> Syscalls.open(dir.resolve("missing").toString(), Syscalls.O_RDONLY, 0));
        assertEquals("open(" + dir.resolve("missing") + "): ENOENT (no such file or directory)", e.getMessage());
    }

    @Test
    void fdClosesOnce() {
        Fd f = Syscalls.open("/", Syscalls.O_PATH, 0);
        f.close();
        f.close();
        assertTrue(f.isClosed());
        assertThrows(IllegalStateException.class, f::get);
    }

    @Test
    void spawnsWithExactlyTheDescriptorsAskedForAndReportsExitCodes() throws Exception {
        Path out = dir.resolve("out");
        try (Fd w = Syscalls.open(out.toString(), Syscalls.O_WRONLY | 0100 /* O_CREAT */, 0644);
             Fd leak = Syscalls.open("/", Syscalls.O_PATH, 0)) {
            Syscalls.setCloseOnExec(leak.get(), false);
            int pid = Syscalls.spawn("/bin/sh", List.of("sh", "-c", "ls /proc/self/fd >&3; exit 3"),
                    List.of(), List.of(new Syscalls.Dup2(w.get(), 3)), 4);
            assertEquals(3, Syscalls.exitCode(Syscalls.waitpid(pid, 0)));
        }
        // 0-2 and 3, plus the directory ls reads (4)
        assertEquals(List.of("0", "1", "2", "3", "4"), Files.readAllLines(out));
        int pid = Syscalls.spawn("/bin/sh", List.of("sh", "-c", "kill -TERM $$"), List.of(), List.of(), 3);
        assertEquals(128 + 15, Syscalls.exitCode(Syscalls.waitpid(pid, 0)));
        SyscallException e = assertThrows(SyscallException.class,
                () -> Syscalls.spawn("/nonexistent", List.of("x"), List.of(), List.of(), 3));
        assertEquals("posix_spawn(/nonexistent): ENOENT (no such file or directory)", e.getMessage());
    }
}
