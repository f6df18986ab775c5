package dev.jrt.runtime.cgroups;

import dev.jrt.spec.model.LinuxRdma;
import java.util.Map;
import java.util.function.Supplier;

/** rdma.max lines ("mlx4_0 hca_handle=2 hca_object=2000"), the same file on v1 and v2. */
final class Rdma {
    private Rdma() {}

    static void apply(Map<String, LinuxRdma> rdma, Supplier<FieldWriter> controller, String pointer) {
        if (rdma == null || rdma.isEmpty()) {
            return;
        }
        FieldWriter w = controller.get();
        rdma.forEach((device, limits) -> {
            String line = line(device, limits);
            if (line != null) {
                w.write(pointer + "/" + device.replace("~", "~0").replace("/", "~1"), "rdma.max", line);
            }
        });
    }

    static String line(String device, LinuxRdma limits) {
        StringBuilder b = new StringBuilder(device);
        if (limits.hcaHandles() != null) {
            b.append(" hca_handle=").append(limits.hcaHandles());
        }
        if (limits.hcaObjects() != null) {
            b.append(" hca_object=").append(limits.hcaObjects());
        }
        return b.length() == device.length() ? null : b.toString();
    }
}
