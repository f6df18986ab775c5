package dev.jrt.runtime.process;

import static org.junit.jupiter.api.Assertions.*;

import dev.jrt.runtime.plan.Op;
import dev.jrt.runtime.sys.Errno;
import dev.jrt.runtime.sys.Fd;
import dev.jrt.runtime.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Real containers from hand-written plans. Root only: run with -Djrt.it=true. */
/** Real containers from hand-written plans. Root only: run with -Djrt.it=true. */
class InitLauncherRootTest extends RootTestBase {
    @Test
    void runsAContainerAsPid1WithItsHostname() throws Exception {
        Path fifo = dir.resolve("exec.fifo");
        Fd fifoFd = ExecFifo.create(fifo);
        Plans p = Plans.container(rootfs, Plans.newNamespaces(), false);
        p.process(p.slot(fifoFd.get()), 0, sh("echo $$; hostname; id -u; stat -c %t:%T /proc/timer_list; "
                + "echo x > /proc/sys/kernel/domainname && echo writable; ls -A /proc/acpi | wc -l; exit 3"));
        assertEquals(3, run(p, fifoFd, fifo, InitListener.NONE));
        List<String> lines = output().lines().toList();
        assertEquals("1", lines.get(0), output());
        assertEquals("jrt-test", lines.get(1));
        assertEquals("0", lines.get(2));
        assertEquals("1:3", lines.get(3), "masked with /dev/null");
        assertTrue(lines.get(4).contains("Read-only file system"), output());
        assertEquals("0", lines.get(5).trim(), "masked with an empty tmpfs");
        assertFalse(Files.exists(fifo), "start removes the fifo");
    }

    @Test
    void noHostDescriptorReachesTheContainer() throws Exception {
        Fd leaky = Syscalls.open("/etc/hostname", Syscalls.O_RDONLY, 0);
        Syscalls.setCloseOnExec(leaky.get(), false);
        try (leaky) {
            Path fifo = dir.resolve("exec.fifo");
            Fd fifoFd = ExecFifo.create(fifo);
            Plans p = Plans.container(rootfs, Plans.newNamespaces(), false);
            p.process(p.slot(fifoFd.get()), 0, List.of("/bin/sleep", "60"));
            InitResult init;
            try (fifoFd) {
                init = InitLauncher.launch(jrtInit, p.build(), 0, InitListener.NONE);
            }
            try {
                ExecFifo.start(fifo, init.initPid());
                Path proc = Path.of("/proc", Integer.toString(init.initPid()));
                for (int i = 0; i < 2000 && !Files.readString(proc.resolve("comm")).trim().equals("sleep"); i++) {
                    Thread.sleep(1);
                }
                try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
                    assertEquals(List.of("0", "1", "2"), fds.map(f -> f.getFileName().toString()).sorted().toList());
                }
            } finally {
                Syscalls.kill(init.initPid(), Syscalls.SIGKILL);
                init.waitForExit();
            }
        }
    }

    @Test
    void userNamespaceMapsRootTo100000() throws Exception {
        Path fifo = dir.resolve("exec.fifo");
        Fd fifoFd = ExecFifo.create(fifo, 100000, 100000);
        Op.EnterNamespaces ns = new Op.EnterNamespaces(List.of(), true, Plans.newNamespaces().newFlags(), null);
        Plans p = Plans.container(rootfs, ns, true);
        p.process(p.slot(fifoFd.get()), 0, sh("id -u; cat /proc/self/uid_map; echo $$"));
        List<Integer> mapped = new ArrayList<>();
        InitListener maps = new InitListener() {
            @Override
            public void onUserNamespace(int pid) throws IOException {
                mapped.add(pid);
                List<IdMapping> m = List.of(new IdMapping(0, 100000, 65536));
                IdMapWriter.write(pid, m, m, false);
            }
        };
        assertEquals(0, run(p, fifoFd, fifo, maps));
        assertEquals(1, mapped.size());
        List<String> lines = output().lines().toList();
        assertEquals("0", lines.get(0), output());
        assertEquals(List.of("0", "100000", "65536"), List.of(lines.get(1).trim().split("\\s+")));
        assertEquals("1", lines.get(2));
        assertEquals(100000, Files.getAttribute(rootfs.resolve("out/result"), "unix:uid"));
    }

    @Test
    void joinsTheNetworkNamespaceOfAnotherContainer() throws Exception {
        Path fifoA = dir.resolve("a.fifo");
        Fd fifoFdA = ExecFifo.create(fifoA);
        Plans a = Plans.container(rootfs, Plans.newNamespaces(), false);
        a.process(a.slot(fifoFdA.get()), 0, List.of("/bin/sleep", "60"));
        InitResult sleeper;
        try (fifoFdA) {
            sleeper = InitLauncher.launch(jrtInit, a.build(), 0, InitListener.NONE);
        }
        try {
            String netOfA = Files.readSymbolicLink(Path.of("/proc", "" + sleeper.initPid(), "ns/net")).toString();
            Path fifoB = dir.resolve("b.fifo");
            Fd fifoFdB = ExecFifo.create(fifoB);
            Op.EnterNamespaces join = new Op.EnterNamespaces(
                    List.of(new Op.EnterNamespaces.Join(Plans.CLONE_NEWNET, "/proc/" + sleeper.initPid() + "/ns/net")),
                    false, Plans.CLONE_NEWNS | Plans.CLONE_NEWPID | Plans.CLONE_NEWUTS | Plans.CLONE_NEWIPC, null);
            Plans b = Plans.container(rootfs, join, false);
            b.process(b.slot(fifoFdB.get()), 0, sh("readlink /proc/self/ns/net"));
            assertEquals(0, run(b, fifoFdB, fifoB, InitListener.NONE));
            assertEquals(netOfA, output().trim());
            assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString(), netOfA);
        } finally {
            Syscalls.kill(sleeper.initPid(), Syscalls.SIGKILL);
            assertEquals(128 + 9, sleeper.waitForExit());
        }
    }

    @Test
    void aFailingMountNamesItsOpAndLeavesNothingBehind() throws Exception {
        Path fifo = dir.resolve("exec.fifo");
        Fd fifoFd = ExecFifo.create(fifo);
        Plans p = Plans.container(rootfs, Plans.newNamespaces(), false);
        int failing = p.ops.size();
        p.add("/mounts/3", new Op.Mount("/nonexistent/source", "/mnt", true, null, Plans.MS_BIND, null, Op.Create.DIR));
        p.process(p.slot(fifoFd.get()), 0, List.of("/bin/true"));
        int[] stage0 = {0};
        InitListener spy = new InitListener() {
            @Override
            public void afterSpawn(int pid) {
                stage0[0] = pid;
            }
        };
        InitFailedException e;
        try (fifoFd) {
            e = assertThrows(InitFailedException.class, () -> InitLauncher.launch(jrtInit, p.build(), 0, spy));
        }
        assertEquals(failing, e.opIndex());
        assertEquals("/mounts/3", e.source());
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("/mounts/3: mount /nonexistent/source on /mnt: ENOENT (no such file or directory)", e.getMessage());
        assertTrue(stage0[0] > 0);
        assertEquals(List.of(), children(), "no process is left behind");
    }

    @Test
    void aMissingExecutableIsNamed() throws Exception {
        Path fifo = dir.resolve("exec.fifo");
        Fd fifoFd = ExecFifo.create(fifo);
        Plans p = Plans.container(rootfs, Plans.newNamespaces(), false);
        p.process(p.slot(fifoFd.get()), 0, List.of("/bin/nope", "arg"));
        InitFailedException e;
        try (fifoFd) {
            e = assertThrows(InitFailedException.class,
                    () -> InitLauncher.launch(jrtInit, p.build(), 0, InitListener.NONE));
        }
        assertEquals("/process/args: exec /bin/nope: ENOENT (no such file or directory)", e.getMessage());
        assertEquals(List.of(), children());
    }

    @Test
    void aCwdOutsideTheRootIsRefused() throws Exception {
        // CVE-2024-21626: a host directory descriptor is open in the init (here: a plan slot)
        Path fifo = dir.resolve("exec.fifo");
        Fd fifoFd = ExecFifo.create(fifo);
        Fd hostDir = Syscalls.open("/", Syscalls.O_PATH | Syscalls.O_DIRECTORY, 0);
        Plans p = Plans.container(rootfs, Plans.newNamespaces(), false);
        int fifoSlot = p.slot(fifoFd.get());
        p.slot(hostDir.get()); // slot 1 arrives as fd 5 (sync socket 3, slot 0 at 4)
        p.add("/process/cwd", new Op.Chdir("/proc/self/fd/5"));
        p.process(fifoSlot, 0, List.of("/bin/true"));
        InitFailedException e;
        try (fifoFd; hostDir) {
            e = assertThrows(InitFailedException.class,
                    () -> InitLauncher.launch(jrtInit, p.build(), 0, InitListener.NONE));
        }
        assertEquals("/process/cwd", e.source());
        assertTrue(e.getMessage().contains("outside the container's root"), e.getMessage());
        assertEquals(List.of(), children());
    }

    @Test
    void aFakeDevNullIsNotUsedForMasking() throws Exception {
        // CVE-2025-31133: the container's /dev/null is a symlink to something the mask would expose
        Path fifo = dir.resolve("exec.fifo");
        Fd fifoFd = ExecFifo.create(fifo);
        Plans p = new Plans();
        String root = rootfs.toString();
        Files.createDirectories(rootfs.resolve("dev"));
        Files.createSymbolicLink(rootfs.resolve("dev/null"), Path.of("/proc/sys/kernel/core_pattern"));
        p.add("/linux/namespaces", Plans.newNamespaces())
                .add("", new Op.SetPropagation("/", Plans.MS_REC | Plans.MS_PRIVATE))
                .add("", new Op.Mount(root, root, false, null, Plans.MS_BIND | Plans.MS_REC, null, Op.Create.NONE))
                .add("", new Op.Mount("proc", "/proc", true, "proc", 0, null, Op.Create.DIR))
                .add("", new Op.PivotRoot(root, false))
                .add("/linux/maskedPaths/0", new Op.MaskPath("/proc/timer_list"));
        p.process(p.slot(fifoFd.get()), 0, List.of("/bin/true"));
        InitFailedException e;
        try (fifoFd) {
            e = assertThrows(InitFailedException.class, () -> launchAndKill(p));
        }
        assertEquals("/linux/maskedPaths/0", e.source());
        assertEquals(Errno.EPERM, e.errno());
    }

    @Test
    void syncWaitsForTheParentAndTheExitCodeComesBack() throws Exception {
        Path fifo = dir.resolve("exec.fifo");
        Fd fifoFd = ExecFifo.create(fifo);
        Plans p = Plans.container(rootfs, Plans.newNamespaces(), false);
        int syncIndex = p.ops.size();
        p.add("/hooks/createRuntime", new Op.Sync("createRuntime"));
        p.process(p.slot(fifoFd.get()), 1000, sh("id -u; exit 7"));
        List<String> syncs = new ArrayList<>();
        InitListener hooks = new InitListener() {
            @Override
            public void onSync(int opIndex, String tag) {
                syncs.add(opIndex + " " + tag);
            }
        };
        assertEquals(7, run(p, fifoFd, fifo, hooks));
        assertEquals(List.of(syncIndex + " createRuntime"), syncs);
        assertEquals("1000", output().trim());
    }

    @Test
    void aFailingListenerKillsEverything() throws Exception {
        Path fifo = dir.resolve("exec.fifo");
        Fd fifoFd = ExecFifo.create(fifo);
        Plans p = Plans.container(rootfs, Plans.newNamespaces(), false);
        p.add("/hooks/createRuntime", new Op.Sync("createRuntime"));
        p.process(p.slot(fifoFd.get()), 0, List.of("/bin/true"));
        InitListener failing = new InitListener() {
            @Override
            public void onSync(int opIndex, String tag) throws IOException {
                throw new IOException("hook failed");
            }
        };
        try (fifoFd) {
            IOException e = assertThrows(IOException.class, () -> InitLauncher.launch(jrtInit, p.build(), 0, failing));
            assertEquals("hook failed", e.getMessage());
        }
        assertEquals(List.of(), children());
    }

}
