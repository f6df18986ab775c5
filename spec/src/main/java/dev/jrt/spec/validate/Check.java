package dev.jrt.spec.validate;

import dev.jrt.spec.model.Spec;

import java.util.List;

/** One rule about a {@link Spec}: returns what breaks it, with JSON pointers, or nothing. */
@FunctionalInterface
public interface Check {

    List<Problem> check(Spec spec);
}
