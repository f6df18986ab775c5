package dev.jrt.spec.validate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.jrt.spec.validate.Specs.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

class OciVersionCheckTest {

    private final Check check = new OciVersionCheck();

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0", "1.0.0-rc5", "1.0.2-dev", "1.1.0-rc.1", "1.2.1", "1.3.0", "1.3.17+build.5"})
    void acceptsReleases1_0To1_3(String version) {
        assertEquals(List.of(), problems(check, "{'ociVersion': '" + version + "'}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.0.0", "1.4.0", "0.5.0-dev", "3.0.0-rc1"})
    void refusesOtherMajorAndNewerMinorVersions(String version) {
        assertEquals(List.of("/ociVersion: unsupported version \"" + version + "\" (supported: 1.0.0 to 1.3.x)"),
                problems(check, "{'ociVersion': '" + version + "'}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0 "})
    void refusesWhatIsNotAVersion(String version) {
        assertEquals(List.of("/ociVersion: not a version: \"" + version + "\" (supported: 1.0.0 to 1.3.x)"),
                problems(check, "{'ociVersion': '" + version + "'}"));
    }

    @Test
    void requiresAVersion() {
        assertEquals(List.of("/ociVersion: is required (supported: 1.0.0 to 1.3.x)"), problems(check, "{}"));
    }
}
