package dev.jrt.hostfixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * An unattached loop device switched to the BFQ I/O scheduler for a test, and back on close:
 * the kernel refuses a per-device BFQ weight (EOPNOTSUPP) for a device whose queue does not
 * run BFQ. Aborts the test when no unattached loop device offers BFQ.
 */
public final class BfqLoopDevice implements AutoCloseable {
    private final Path scheduler;
    private final String previous;
    private final String device;

    private BfqLoopDevice(Path scheduler, String previous, String device) {
        this.scheduler = scheduler;
        this.previous = previous;
        this.device = device;
    }

    /** Takes the highest-numbered unattached loop device whose queue offers bfq. */
    public static BfqLoopDevice acquire() throws IOException {
        for (int i = 7; i >= 0; i--) {
            Path block = Path.of("/sys/block/loop" + i);
            Path scheduler = block.resolve("queue/scheduler");
            if (!Files.exists(scheduler) || Files.exists(block.resolve("loop/backing_file"))) {
                continue; // absent, or attached: someone else's
            }
            String line = Files.readString(scheduler).trim();
            if (!(" " + line.replace("[", "").replace("]", "") + " ").contains(" bfq ")) {
                continue;
            }
            int open = line.indexOf('[');
            String previous = open < 0 ? "none" : line.substring(open + 1, line.indexOf(']'));
            Files.writeString(scheduler, "bfq");
            return new BfqLoopDevice(scheduler, previous, Files.readString(block.resolve("dev")).trim());
        }
        Assumptions.abort("no unattached loop device offers the BFQ I/O scheduler (/sys/block/loop*/queue/scheduler;"
                + " CONFIG_IOSCHED_BFQ, or modprobe bfq)");
        return null;
    }

    /** "MAJOR:MINOR". */
    public String device() {
        return device;
    }

    public int major() {
        return Integer.parseInt(device.split(":")[0]);
    }

    public int minor() {
        return Integer.parseInt(device.split(":")[1]);
    }

    @Override
    public void close() throws IOException {
        Files.writeString(scheduler, previous);
    }
}
