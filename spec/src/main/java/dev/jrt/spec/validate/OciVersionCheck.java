package dev.jrt.spec.validate;

import dev.jrt.spec.model.Spec;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ociVersion} is a SemVer 2.0.0 version of a runtime-spec release jrt implements:
 * 1.0.0 to 1.3.x, with any pre-release or build suffix ({@code 1.0.2-dev} is what runc writes).
 */
final class OciVersionCheck implements Check {

    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)"
                    + "(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");
    private static final List<String> SUPPORTED_MINORS = List.of("0", "1", "2", "3");
    private static final String SUPPORTED = "(supported: 1.0.0 to 1.3.x)";

    @Override
    public List<Problem> check(Spec spec) {
        String version = spec.ociVersion();
        if (version == null || version.isEmpty()) {
            return List.of(new Problem("/ociVersion", "is required " + SUPPORTED));
        }
        Matcher m = SEMVER.matcher(version);
        if (!m.matches()) {
            return List.of(new Problem("/ociVersion", "not a version: " + Messages.quote(version) + " " + SUPPORTED));
        }
        if (!m.group(1).equals("1") || !SUPPORTED_MINORS.contains(m.group(2))) {
            return List.of(new Problem("/ociVersion",
                    "unsupported version " + Messages.quote(version) + " " + SUPPORTED));
        }
        return List.of();
    }
}
