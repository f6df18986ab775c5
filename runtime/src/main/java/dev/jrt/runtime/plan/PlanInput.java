package dev.jrt.runtime.plan;

import dev.jrt.spec.model.Spec;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything the planner decides from: the validated config, where its bundle and root
 * filesystem are on the host, which descriptor slots carry the exec fifo and the console
 * socket (-1 when absent), the container's id (it goes into the state that hooks run by the
 * init get), and {@code security}: the compiled seccomp program and host security facts.
 */
public record PlanInput(Spec spec, Path bundle, Path rootfs, List<Integer> fds, int fifoSlot, int consoleSlot,
                        boolean noPivot, int preserveFds, String containerId,
                        SecurityInput security) {
}
