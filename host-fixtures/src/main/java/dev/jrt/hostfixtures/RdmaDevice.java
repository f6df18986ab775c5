package dev.jrt.hostfixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * An RDMA device for the rdma controller: the host's first one, or else a soft-RoCE device
 * (rdma_rxe) on a veth pair made for the test and removed on close. Aborts the test, with the
 * failing command's output, when the kernel cannot make one.
 */
public final class RdmaDevice implements AutoCloseable {
    private static final Path DEVICES = Path.of("/sys/class/infiniband");
    private final String name;
    private final String veth;

    private RdmaDevice(String name, String veth) {
        this.name = name;
        this.veth = veth;
    }

    public static RdmaDevice acquire() throws IOException {
        if (Files.isDirectory(DEVICES)) {
            try (Stream<Path> s = Files.list(DEVICES)) {
                String existing = s.map(p -> p.getFileName().toString()).sorted().findFirst().orElse(null);
                if (existing != null) {
                    return new RdmaDevice(existing, null);
                }
            }
        }
        long pid = ProcessHandle.current().pid();
        String veth = "jrtcrd" + pid % 100000;
        String rxe = "jrtcrxe" + pid;
        String failed = tryRun("ip", "link", "add", veth, "type", "veth", "peer", "name", veth + "p");
        Assumptions.assumeTrue(failed == null, () -> "no veth device for soft-RoCE: " + failed);
        String notMade = tryRun("ip", "link", "set", veth, "up");
        if (notMade == null) {
            notMade = tryRun("rdma", "link", "add", rxe, "type", "rxe", "netdev", veth);
        }
        if (notMade != null) {
            HostCommand.run(List.of("ip", "link", "delete", veth));
            Assumptions.abort("no RDMA device and none can be made with soft-RoCE (rdma link add " + rxe
                    + " type rxe netdev " + veth + "; needs CONFIG_RDMA_RXE): " + notMade);
        }
        return new RdmaDevice(rxe, veth);
    }

    public String name() {
        return name;
    }

    /** Null when the command succeeded, else its failure and output. */
    private static String tryRun(String... cmd) {
        try {
            HostCommand.run(List.of(cmd));
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    @Override
    public void close() throws IOException {
        if (veth != null) {
            HostCommand.run(List.of("rdma", "link", "delete", name));
            HostCommand.run(List.of("ip", "link", "delete", veth));
        }
    }
}
