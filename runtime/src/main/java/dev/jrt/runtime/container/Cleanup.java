package dev.jrt.runtime.container;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Undo steps of a half-built container, run in reverse order when create fails. Cleanup
 * errors never hide the original failure: they are attached to it as suppressed exceptions.
 */
final class Cleanup {
    interface Step {
        void run() throws Exception;
    }

    private final Deque<Step> steps = new ArrayDeque<>();

    void push(Step step) {
        steps.push(step);
    }

    void undo(Throwable failure) {
        while (!steps.isEmpty()) {
            try {
                steps.pop().run();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }
}
