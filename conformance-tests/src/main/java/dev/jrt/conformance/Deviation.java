package dev.jrt.conformance;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A known, explained difference between a reference runtime and the spec.
 * The test still runs against that runtime: if it fails, the failure is
 * reported as a known deviation (a JUnit skip with the reason); if it passes,
 * the test fails, so that a stale mark is noticed and removed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Deviation.List.class)
public @interface Deviation {
    /** Runtime name (basename of the binary), e.g. "runc", "crun". */
    String runtime();

    /** Why the runtime behaves differently, with a pointer to its source or docs if possible. */
    String reason();

    /** Holder for repeated {@link Deviation}s. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        Deviation[] value();
    }
}
