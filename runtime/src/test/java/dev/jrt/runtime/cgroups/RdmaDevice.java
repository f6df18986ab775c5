package dev.jrt.runtime.cgroups;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * An RDMA device for the rdma controller: the host's first one, or else a soft-RoCE device
 * (rdma_rxe) on a veth pair made for the test and removed on close. Aborts the test, with the
 * failing command's output, when the kernel cannot make one.
 */
final class RdmaDevice implements AutoCloseable {
    private static final Path DEVICES = Path.of("/sys/class/infiniband");
    final String name;
    private final String veth;

    private RdmaDevice(String name, String veth) {
        this.name = name;
        this.veth = veth;
    }

    static RdmaDevice acquire() throws IOException {
        if (Files.isDirectory(DEVICES)) {
            try (Stream<Path> s = Files.list(DEVICES)) {
                String existing = s.map(p -> p.getFileName().toString()).sorted().findFirst().orElse(null);
                if (existing != null) {
                    return new RdmaDevice(existing, null);
                }
            }
        }
        long pid = ProcessHandle.current().pid();
        String veth = "jrtrd" + pid % 100000;
        String rxe = "jrtrxe" + pid;
        HostCommand.Result r = HostCommand.run("ip", "link", "add", veth, "type", "veth", "peer", "name", veth + "p");
        Assumptions.assumeTrue(r.ok(), "no veth device for soft-RoCE: " + r.output());
        RdmaDevice made = new RdmaDevice(rxe, veth);
        r = HostCommand.run("ip", "link", "set", veth, "up");
        if (r.ok()) {
            r = HostCommand.run("rdma", "link", "add", rxe, "type", "rxe", "netdev", veth);
        }
        if (!r.ok()) {
            HostCommand.check("ip", "link", "delete", veth);
            Assumptions.abort("no RDMA device and none can be made with soft-RoCE (rdma link add " + rxe
                    + " type rxe netdev " + veth + "; needs CONFIG_RDMA_RXE): " + r.output());
        }
        return made;
    }

    @Override
    public void close() {
        if (veth != null) {
            HostCommand.check("rdma", "link", "delete", name);
            HostCommand.check("ip", "link", "delete", veth);
        }
    }
}
