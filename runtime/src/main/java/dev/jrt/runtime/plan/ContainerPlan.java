package dev.jrt.runtime.plan;

import java.util.List;

/**
 * What jrt-init must do, in order, and the descriptors that travel with the plan (referred to
 * by slot). {@code sources} names, for each op, the config field that produced it (a JSON
 * pointer such as "/mounts/3"), so an executor failure can be reported against the config.
 */
public record ContainerPlan(List<Op> ops, List<String> sources, List<Integer> fds) {
    public ContainerPlan {
        if (ops.size() != sources.size()) {
            throw new IllegalArgumentException("every op needs a source");
        }
        ops = List.copyOf(ops);
        sources = List.copyOf(sources);
        fds = List.copyOf(fds);
    }
}
