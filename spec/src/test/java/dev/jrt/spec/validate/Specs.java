package dev.jrt.spec.validate;

import dev.jrt.spec.json.Json;
import dev.jrt.spec.model.Spec;

import java.util.List;

/** Builds specs from JSON written with single quotes, and runs one check on them. */
final class Specs {

    private Specs() {
    }

    static Spec spec(String singleQuotedJson) {
        try {
            return Json.mapper().readValue(singleQuotedJson.replace('\'', '"'), Spec.class);
        } catch (Exception e) {
            throw new AssertionError("bad test JSON: " + singleQuotedJson, e);
        }
    }

    /** The problems {@code check} finds in {@code json}, formatted {@code pointer: message}. */
    static List<String> problems(Check check, String singleQuotedJson) {
        return check.check(spec(singleQuotedJson)).stream().map(Problem::format).toList();
    }

    /** {@code {'linux': {<members>}}} */
    static List<String> linuxProblems(Check check, String linuxMembers) {
        return problems(check, "{'linux': {" + linuxMembers + "}}");
    }

    /** {@code {'process': {<members>}}} */
    static List<String> processProblems(Check check, String processMembers) {
        return problems(check, "{'process': {" + processMembers + "}}");
    }
}
