package dev.jrt.runtime.plan;

import dev.jrt.spec.model.Spec;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything the planner decides from: the validated config, where its bundle and root
 * filesystem are on the host, and which descriptor slots carry the exec fifo and the console
 * socket (-1 when absent); {@code security}: the compiled seccomp program and host security facts.
 */
public record PlanInput(Spec spec, Path bundle, Path rootfs, List<Integer> fds, int fifoSlot, int consoleSlot,
                        boolean noPivot, int preserveFds, SecurityInput security) {
    /** Without security input: a config with seccomp or an LSM label is refused. */
    public PlanInput(Spec spec, Path bundle, Path rootfs, List<Integer> fds, int fifoSlot, int consoleSlot,
                     boolean noPivot, int preserveFds) {
        this(spec, bundle, rootfs, fds, fifoSlot, consoleSlot, noPivot, preserveFds, SecurityInput.NONE);
    }
}
