package dev.jrt.conformance;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The spec requirement a conformance test checks: the spec file (e.g.
 * {@code runtime.md}), the heading the requirement sits under, and the
 * requirement itself, quoted or closely paraphrased. The report
 * (docs/conformance.md) has one row per requirement and test.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Requirement.List.class)
public @interface Requirement {
    /** Spec file, e.g. "runtime.md", "config-linux.md"; "runc-cli" for CLI compatibility. */
    String file();

    /** Heading of the section holding the requirement, e.g. "Lifecycle". */
    String heading();

    /** The requirement, e.g. "Attempting to start a container that is not created MUST generate an error". */
    String text();

    /** Holder for repeated {@link Requirement}s. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        Requirement[] value();
    }
}
