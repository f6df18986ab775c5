package dev.jrt.runtime.process;

import static org.junit.jupiter.api.Assertions.*;

import dev.jrt.runtime.plan.Op;
import dev.jrt.runtime.sys.Errno;
import dev.jrt.runtime.sys.Fd;
import dev.jrt.runtime.sys.SeqPacketSocket;
import dev.jrt.runtime.sys.SyscallException;
import dev.jrt.runtime.sys.Syscalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** One integration test per less common op: console, hooks, seccomp, time namespace, exec. */
class InitOpsRootTest extends RootTestBase {

    @Test
    void consoleSendsThePtyMasterAndMakesTheSlaveTheTerminal() throws Exception {
        Path fifo = dir.resolve("exec.fifo");
        Fd fifoFd = ExecFifo.create(fifo);
        SeqPacketSocket[] console = SeqPacketSocket.pair();
        Plans p = Plans.container(rootfs, Plans.newNamespaces(), false);
        p.add("/mounts/2", new Op.Mount("devpts", "/dev/pts", true, "devpts", Plans.MS_NOSUID | Plans.MS_NOEXEC,
                        "newinstance,ptmxmode=0666,mode=0620", Op.Create.DIR))
                .add("/linux/devices", new Op.Symlink("pts/ptmx", "/dev/ptmx"))
                .add("/process/terminal", new Op.Setsid())
                .add("/process/consoleSize", new Op.Console(p.slot(console[1].fd().get()), 24, 80));
        p.process(p.slot(fifoFd.get()), 0, List.of("/bin/sh", "-c", "tty; stty size; exit 4"));
        InitResult init;
        try (fifoFd; SeqPacketSocket mine = console[0]; SeqPacketSocket theirs = console[1]) {
            init = InitLauncher.launch(jrtInit, p.build(), 0, InitListener.NONE);
            SeqPacketSocket.Received m = mine.receive(256, 1);
            assertEquals("/dev/ptmx", new String(m.data(), StandardCharsets.UTF_8));
            assertEquals(1, m.fds().length);
            try (Fd master = new Fd(m.fds()[0])) {
                ExecFifo.start(fifo, init.initPid());
                assertEquals(4, init.waitForExit());
                assertEquals(List.of("/dev/pts/0", "24 80"), readAll(master).lines().toList());
            }
        }
    }

    static String readAll(Fd master) {
        StringBuilder s = new StringBuilder();
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = Syscalls.read(master.get(), buf)) > 0; ) {
                s.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (SyscallException e) {
            assertEquals(5, e.errno(), "EIO once the slave is gone");
        }
        return s.toString().replace("\r", "");
    }

    @Test
    void hooksGetTheirStdinAndFailuresAreReported() throws Exception {
        Path fifo = dir.resolve("exec.fifo");
        Fd fifoFd = ExecFifo.create(fifo);
        Plans p = Plans.container(rootfs, Plans.newNamespaces(), false);
        p.add("/hooks/createContainer/0", new Op.RunHook("/bin/sh", List.of("sh", "-c", "cat > /out/state; echo $X >> /out/state"),
                List.of("X=from-env"), 5, "{\"id\":\"c1\"}".getBytes(StandardCharsets.UTF_8)));
        p.process(p.slot(fifoFd.get()), 0, List.of("/bin/true"));
        assertEquals(0, run(p, fifoFd, fifo, InitListener.NONE));
        assertEquals("{\"id\":\"c1\"}from-env\n", Files.readString(rootfs.resolve("out/state")));

        for (String[] c : new String[][] {{"exit 2", "0", "hook /bin/sh exited with status 2"},
                {"sleep 5", "1", "hook /bin/sh timed out after 1 s"}}) {
            Path fifo2 = dir.resolve("exec2.fifo");
            Files.deleteIfExists(fifo2);
            Fd fifoFd2 = ExecFifo.create(fifo2);
            Plans q = Plans.container(rootfs, Plans.newNamespaces(), false);
            q.add("/hooks/createContainer/1", new Op.RunHook("/bin/sh", List.of("sh", "-c", c[0]), List.of(),
                    Integer.parseInt(c[1]), null));
            q.process(q.slot(fifoFd2.get()), 0, List.of("/bin/true"));
            InitFailedException e;
            try (fifoFd2) {
                e = assertThrows(InitFailedException.class, () -> launchAndKill(q));
            }
            assertEquals("/hooks/createContainer/1", e.source());
            assertEquals(c[2], e.executorMessage());
            assertEquals(c[1].equals("1") ? 110 : 0, e.errno()); // ETIMEDOUT
            assertEquals(List.of(), children());
        }
    }

    @Test
    void seccompIsLoadedLast() throws Exception {
        Assumptions.assumeTrue("amd64".equals(System.getProperty("os.arch")));
        Path fifo = dir.resolve("exec.fifo");
        Fd fifoFd = ExecFifo.create(fifo);
        Plans p = Plans.container(rootfs, Plans.newNamespaces(), false);
        p.add("/process/args", new Op.FindExecutable("/bin/sh", null))
                .add("", new Op.Ready())
                .add("", new Op.WaitStart(p.slot(fifoFd.get())))
                .add("/process/capabilities", new Op.Capabilities(Plans.DEFAULT_CAPS, Plans.DEFAULT_CAPS,
                        Plans.DEFAULT_CAPS, 0, 0))
                .add("/process/user", new Op.SetUser(0, 0, new int[] {10, 20}))
                .add("/process/noNewPrivileges", new Op.NoNewPrivileges())
                .add("/linux/seccomp", new Op.Seccomp(denyMkdirWithEperm(), 0))
                .add("", new Op.CloseFds(3))
                .add("/process/args", new Op.Exec(sh("mkdir /tmp/x || echo denied; id -G; "
                        + "grep -E '^(NoNewPrivs|Seccomp|CapEff):' /proc/self/status | cut -f2"), List.of()));
        assertEquals(0, run(p, fifoFd, fifo, InitListener.NONE));
        List<String> lines = output().lines().toList();
        assertTrue(lines.get(0).contains("Operation not permitted"), output());
        assertEquals("denied", lines.get(1));
        assertEquals("0 10 20", lines.get(2));
        assertEquals("00000000a80425fb", lines.get(3), "CapEff = Docker's defaults");
        assertEquals("1", lines.get(4), "NoNewPrivs");
        assertEquals("2", lines.get(5), "Seccomp filter mode");
    }

    /** x86_64 only: mkdir (83) and mkdirat (258) fail with EPERM, everything else is allowed. */
    static byte[] denyMkdirWithEperm() {
        int[][] insns = {
            {0x20, 0, 0, 4}, {0x15, 0, 3, 0xc000003e}, {0x20, 0, 0, 0}, {0x15, 2, 0, 83}, {0x15, 1, 0, 258},
            {0x06, 0, 0, 0x7fff0000}, {0x06, 0, 0, 0x00050000 | Errno.EPERM}};
        ByteBuffer b = ByteBuffer.allocate(8 * insns.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] i : insns) {
            b.putShort((short) i[0]).put((byte) i[1]).put((byte) i[2]).putInt(i[3]);
        }
        return b.array();
    }

    @Test
    void aPlanLargerThanOneMessageArrivesWhole() throws Exception {
        Path fifo = dir.resolve("exec.fifo");
        Fd fifoFd = ExecFifo.create(fifo);
        byte[] big = new byte[200_000];
        Arrays.fill(big, (byte) 'x');
        Files.writeString(rootfs.resolve("out/big"), "");
        Plans p = Plans.container(rootfs, Plans.newNamespaces(), false);
        p.add("/linux/sysctl", new Op.WriteFile("/out/big", big));
        p.process(p.slot(fifoFd.get()), 0, List.of("/bin/true"));
        assertEquals(0, run(p, fifoFd, fifo, InitListener.NONE));
        assertArrayEquals(big, Files.readAllBytes(rootfs.resolve("out/big")));
    }

    @Test
    void pathsInRootNeverLeaveTheRoot() throws Exception {
        Files.createSymbolicLink(rootfs.resolve("evil"), Path.of("../../../../.."));
        Files.createSymbolicLink(rootfs.resolve("abs"), Path.of("/tmp"));
        Path fifo = dir.resolve("exec.fifo");
        Fd fifoFd = ExecFifo.create(fifo);
        Plans p = new Plans();
        String root = rootfs.toString();
        p.add("", Plans.newNamespaces())
                .add("", new Op.SetPropagation("/", Plans.MS_REC | Plans.MS_PRIVATE))
                .add("", new Op.Mount(root, root, false, null, Plans.MS_BIND | Plans.MS_REC, null, Op.Create.NONE))
                .add("", new Op.Mount("proc", "/proc", true, "proc", 0, null, Op.Create.DIR))
                .add("", new Op.Mkdir("/evil/jrt-escape-test/sub", 0700))
                .add("", new Op.Mount("tmpfs", "/abs/jrt-escape-mnt", true, "tmpfs", 0, null, Op.Create.DIR))
                .add("", new Op.Symlink("/etc/passwd", "/evil/jrt-escape-link"))
                .add("", new Op.PivotRoot(root, false));
        p.process(p.slot(fifoFd.get()), 0, List.of("/bin/true"));
        assertEquals(0, run(p, fifoFd, fifo, InitListener.NONE));
        assertTrue(Files.isDirectory(rootfs.resolve("jrt-escape-test/sub")));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(rootfs.resolve("jrt-escape-test/sub"))));
        assertTrue(Files.isDirectory(rootfs.resolve("tmp/jrt-escape-mnt")));
        assertTrue(Files.isSymbolicLink(rootfs.resolve("jrt-escape-link")));
        assertFalse(Files.exists(Path.of("/jrt-escape-test")));
        assertFalse(Files.exists(Path.of("/tmp/jrt-escape-mnt")));
        assertFalse(Files.exists(Path.of("/jrt-escape-link"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void preservedDescriptorsKeepTheirNumbers() throws Exception {
        Assumptions.assumeTrue(Syscalls.isOpen(3), "the test JVM has an fd 3 to preserve");
        String jvmFd3 = Files.readSymbolicLink(Path.of("/proc/self/fd/3")).toString();
        Path fifo = dir.resolve("exec.fifo");
        Fd fifoFd = ExecFifo.create(fifo);
        Plans p = Plans.container(rootfs, Plans.newNamespaces(), false);
        p.add("/process/args", new Op.FindExecutable("/bin/sleep", null))
                .add("", new Op.Ready())
                .add("", new Op.WaitStart(p.slot(fifoFd.get())))
                .add("", new Op.CloseFds(4))
                .add("/process/args", new Op.Exec(List.of("/bin/sleep", "60"), List.of()));
        InitResult init;
        try (fifoFd) {
            init = InitLauncher.launch(jrtInit, p.build(), 1, InitListener.NONE);
        }
        try {
            ExecFifo.start(fifo, init.initPid());
            Path proc = Path.of("/proc", Integer.toString(init.initPid()));
            for (int i = 0; i < 2000 && !Files.readString(proc.resolve("comm")).trim().equals("sleep"); i++) {
                Thread.sleep(1);
            }
            try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
                assertEquals(List.of("0", "1", "2", "3"), fds.map(f -> f.getFileName().toString()).sorted().toList());
            }
            assertEquals(jvmFd3, Files.readSymbolicLink(proc.resolve("fd/3")).toString());
        } finally {
            Syscalls.kill(init.initPid(), Syscalls.SIGKILL);
            init.waitForExit();
        }
    }

    @Test
    void anExecPlanJoinsARunningContainerAndEndsWithoutReady() throws Exception {
        Path fifo = dir.resolve("exec.fifo");
        Fd fifoFd = ExecFifo.create(fifo);
        Plans a = Plans.container(rootfs, Plans.newNamespaces(), false);
        a.process(a.slot(fifoFd.get()), 0, List.of("/bin/sleep", "60"));
        InitResult sleeper;
        try (fifoFd) {
            sleeper = InitLauncher.launch(jrtInit, a.build(), 0, InitListener.NONE);
        }
        try {
            ExecFifo.start(fifo, sleeper.initPid());
            String ns = "/proc/" + sleeper.initPid() + "/ns/";
            Plans e = new Plans();
            e.add("", new Op.EnterNamespaces(List.of(
                            new Op.EnterNamespaces.Join(Plans.CLONE_NEWIPC, ns + "ipc"),
                            new Op.EnterNamespaces.Join(Plans.CLONE_NEWUTS, ns + "uts"),
                            new Op.EnterNamespaces.Join(Plans.CLONE_NEWNET, ns + "net"),
                            new Op.EnterNamespaces.Join(Plans.CLONE_NEWPID, ns + "pid"),
                            new Op.EnterNamespaces.Join(Plans.CLONE_NEWNS, ns + "mnt")), false, 0, null))
                    .add("/process/cwd", new Op.Chdir("/out"))
                    .add("/process/args", new Op.FindExecutable("sh", "/usr/bin:/bin"))
                    .add("", new Op.CloseFds(3))
                    .add("/process/args", new Op.Exec(List.of("sh", "-c", "echo $$ $(hostname) $PWD > exec"), List.of()));
            InitResult exec = InitLauncher.launch(jrtInit, e.build(), 0, InitListener.NONE);
            assertEquals(0, exec.waitForExit());
            String[] seen = Files.readString(rootfs.resolve("out/exec")).trim().split(" ");
            assertNotEquals("1", seen[0], "not the container's init");
            assertEquals(List.of("jrt-test", "/out"), List.of(seen[1], seen[2]));
        } finally {
            Syscalls.kill(sleeper.initPid(), Syscalls.SIGKILL);
            sleeper.waitForExit();
        }
    }

    @Test
    void timeNamespaceOffsetsApplyToTheInit() throws Exception {
        Path fifo = dir.resolve("exec.fifo");
        Fd fifoFd = ExecFifo.create(fifo);
        Op.EnterNamespaces ns = new Op.EnterNamespaces(List.of(), false, Plans.newNamespaces().newFlags() | 0x80,
                "monotonic 864000 0\nboottime 864000 0\n");
        Plans p = Plans.container(rootfs, ns, false);
        p.process(p.slot(fifoFd.get()), 0, sh("cut -d. -f1 /proc/uptime"));
        assertEquals(0, run(p, fifoFd, fifo, InitListener.NONE));
        assertTrue(Long.parseLong(output().trim()) >= 864000, output());
    }

    @Test
    void theInitRunsFromASealedCopyOfJrtInit() throws Exception {
        // CVE-2019-5736: /proc/<init>/exe must not lead to a writable jrt-init binary
        Path fifo = dir.resolve("exec.fifo");
        Fd fifoFd = ExecFifo.create(fifo);
        Plans p = Plans.container(rootfs, Plans.newNamespaces(), false);
        p.process(p.slot(fifoFd.get()), 0, List.of("/bin/true"));
        InitResult init;
        try (fifoFd) {
            init = InitLauncher.launch(jrtInit, p.build(), 0, InitListener.NONE);
        }
        try {
            Path exe = Path.of("/proc", Integer.toString(init.initPid()), "exe");
            assertTrue(Files.readSymbolicLink(exe).toString().startsWith("/memfd:jrt-init"), exe.toString());
            assertThrows(java.io.IOException.class, () -> Files.write(exe, new byte[] {0}));
            assertThrows(java.io.IOException.class,
                    () -> Files.write(exe, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND));
        } finally {
            Syscalls.kill(init.initPid(), Syscalls.SIGKILL);
            init.waitForExit();
        }
    }
}
