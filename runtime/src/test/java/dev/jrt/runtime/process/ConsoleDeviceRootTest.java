package dev.jrt.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.runtime.plan.Op;
import dev.jrt.runtime.sys.Fd;
import dev.jrt.runtime.sys.SeqPacketSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With a terminal, /dev/console is the container's pty slave; a hostile /dev/console is refused. */
class ConsoleDeviceRootTest extends RootTestBase {

    private Plans consolePlan(SeqPacketSocket theirs, Fd fifoFd, String script, String consoleLink) {
        Plans p = Plans.container(rootfs, Plans.newNamespaces(), false);
        if (consoleLink != null) {
            p.add("/test", new Op.Symlink(consoleLink, "/dev/console"));
        }
        p.add("/mounts/2", new Op.Mount("devpts", "/dev/pts", true, "devpts", Plans.MS_NOSUID | Plans.MS_NOEXEC,
                        "newinstance,ptmxmode=0666,mode=0620", Op.Create.DIR))
                .add("/linux/devices", new Op.Symlink("pts/ptmx", "/dev/ptmx"))
                .add("/process/terminal", new Op.Setsid())
                .add("/process/terminal", new Op.Console(p.slot(theirs.fd().get()), 0, 0));
        p.process(p.slot(fifoFd.get()), 0, List.of("/bin/sh", "-c", script));
        return p;
    }

    @Test
    void devConsoleIsThePtySlave() throws Exception {
        Path fifo = dir.resolve("exec.fifo");
        Fd fifoFd = ExecFifo.create(fifo);
        SeqPacketSocket[] console = SeqPacketSocket.pair();
        Plans p = consolePlan(console[1], fifoFd, "stat -c '%t %T' /dev/console; stat -c '%t %T' $(tty); exit 0", null);
        try (fifoFd; SeqPacketSocket mine = console[0]; SeqPacketSocket theirs = console[1]) {
            InitResult init = InitLauncher.launch(jrtInit, p.build(), 0, InitListener.NONE);
            SeqPacketSocket.Received m = mine.receive(256, 1);
            try (Fd master = new Fd(m.fds()[0])) {
                ExecFifo.start(fifo, init.initPid());
                assertEquals(0, init.waitForExit());
                List<String> lines = InitOpsRootTest.readAll(master).lines().toList();
                assertEquals(2, lines.size(), lines.toString());
                assertEquals(lines.get(1), lines.get(0), "/dev/console is not the pty slave");
                assertTrue(lines.get(0).startsWith("88 "), "not a pts device (major 136): " + lines);
            }
        }
    }

    @Test
    void aSymlinkAtDevConsoleIsRefused() throws Exception {
        Path fifo = dir.resolve("exec.fifo");
        Fd fifoFd = ExecFifo.create(fifo);
        SeqPacketSocket[] console = SeqPacketSocket.pair();
        Plans p = consolePlan(console[1], fifoFd, "exit 0", "/proc/sys/kernel/hostname");
        try (fifoFd; SeqPacketSocket mine = console[0]; SeqPacketSocket theirs = console[1]) {
            InitFailedException e = assertThrows(InitFailedException.class,
                    () -> InitLauncher.launch(jrtInit, p.build(), 0, InitListener.NONE));
            assertTrue(e.getMessage().contains("/dev/console"), e.getMessage());
        }
        assertTrue(!Files.readString(Path.of("/proc/sys/kernel/hostname")).isBlank());
    }
}
