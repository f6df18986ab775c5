package dev.jrt.runtime.plan;

import java.util.ArrayList;
import java.util.List;

/** Collects ops with the config field (JSON pointer) each one comes from. */
final class PlanBuilder {
    private final List<Op> ops = new ArrayList<>();
    private final List<String> sources = new ArrayList<>();

    PlanBuilder add(String source, Op op) {
        ops.add(op);
        sources.add(source);
        return this;
    }

    ContainerPlan build(List<Integer> fds) {
        return new ContainerPlan(ops, sources, fds);
    }
}
