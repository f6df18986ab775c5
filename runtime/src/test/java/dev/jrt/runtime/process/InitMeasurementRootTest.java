package dev.jrt.runtime.process;

import dev.jrt.runtime.sys.Fd;
import dev.jrt.runtime.sys.Syscalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prints the RSS of an init waiting on the exec fifo and the spawn-to-READY time (no assertions). */
class InitMeasurementRootTest {
    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        Assumptions.assumeTrue("true".equals(System.getProperty("jrt.it")) && InitLauncherRootTest.isRoot());
        Path jrtInit = Path.of(System.getProperty("jrt.measure.init", Executor.path().toString()));
        Path rootfs = Rootfs.create(dir);
        int rounds = Integer.getInteger("jrt.measure.rounds", 20);
        long[] nanos = new long[rounds];
        long rssKb = 0;
        for (int i = 0; i < rounds; i++) {
            Path fifo = dir.resolve("exec.fifo." + i);
            Fd fifoFd = ExecFifo.create(fifo);
            Plans p = Plans.container(rootfs, Plans.newNamespaces(), false);
            p.process(p.slot(fifoFd.get()), 0, List.of("/bin/true"));
            long t0 = System.nanoTime();
            InitResult init;
            try (fifoFd) {
                init = InitLauncher.launch(jrtInit, p.build(), 0, InitListener.NONE);
            }
            nanos[i] = System.nanoTime() - t0;
            for (String line : Files.readAllLines(Path.of("/proc", "" + init.initPid(), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rssKb = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            Syscalls.kill(init.initPid(), Syscalls.SIGKILL);
            init.waitForExit();
        }
        Arrays.sort(nanos);
        System.out.printf("jrt-init %s: spawn-to-READY median %.2f ms, min %.2f ms (%d rounds, first excluded: no);"
                + " RSS of a waiting init %d KiB%n", jrtInit, nanos[rounds / 2] / 1e6, nanos[0] / 1e6, rounds, rssKb);
    }
}
