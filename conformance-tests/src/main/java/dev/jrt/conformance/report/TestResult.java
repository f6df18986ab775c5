package dev.jrt.conformance.report;

import java.util.List;

/**
 * Outcome of one test (or one invocation of a parameterized test) against one runtime.
 *
 * @param name         stable test name, "Class.method" or "Class.method[invocation]"
 * @param requirements the spec requirements the test checks
 * @param status       {@link Status}
 * @param reason       why it was skipped or is a known deviation; the failure message for a failure
 */
public record TestResult(String name, List<Req> requirements, Status status, String reason) {

    /** A spec requirement as recorded in a results file. */
    public record Req(String file, String heading, String text) {}

    /** Test outcome. */
    public enum Status {
        PASS, FAIL, SKIP, DEVIATION;

        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status of(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
