package dev.jrt.runtime.process;

import dev.jrt.runtime.sys.Fd;
import dev.jrt.runtime.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Fixture of the root-only tests: a busybox rootfs, jrt-init, running and inspecting containers. */
abstract class RootTestBase {
    @TempDir
    Path dir;
    Path rootfs;
    Path jrtInit;

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue("true".equals(System.getProperty("jrt.it")) && isRoot(), "root integration test");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        rootfs = Rootfs.create(dir);
        jrtInit = Executor.path();
    }

    static boolean isRoot() {
        try {
            return Files.readString(Path.of("/proc/self/status")).lines()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Creates, starts and waits for a container running sh -c script; returns its exit code. */
    int run(Plans plans, Fd fifoFd, Path fifo, InitListener listener) throws Exception {
        InitResult init;
        try (fifoFd) {
            init = InitLauncher.launch(jrtInit, plans.build(), 0, listener);
        }
        try {
            ExecFifo.start(fifo, init.initPid());
        } catch (IOException | RuntimeException e) {
            Syscalls.kill(init.initPid(), Syscalls.SIGKILL);
            init.waitForExit();
            throw e;
        }
        return init.waitForExit();
    }

    String output() throws IOException {
        return Files.readString(rootfs.resolve("out/result"));
    }

    static List<String> sh(String script) {
        return List.of("/bin/sh", "-c", "exec > /out/result 2>&1; " + script);
    }

    /** Launches a plan expected to fail; if it does not, kills the container it made. */
    void launchAndKill(Plans p) throws Exception {
        InitResult init = InitLauncher.launch(jrtInit, p.build(), 0, InitListener.NONE);
        Syscalls.kill(init.initPid(), Syscalls.SIGKILL);
        init.waitForExit();
    }

    /** Processes whose parent is this JVM. */
    static List<String> children() throws IOException {
        String self = Integer.toString(Syscalls.getpid());
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String status = Files.readString(proc.resolve("status"));
                    if (status.lines().anyMatch(l -> l.equals("PPid:\t" + self))) {
                        found.add(proc.getFileName() + " " + status.lines().findFirst().orElse(""));
                    }
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        }
        return found;
    }

}
