package dev.jrt.spec.validate;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.jrt.spec.validate.Specs.linuxProblems;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CgroupChecksTest {

    @Nested
    class CgroupsPath {
        private final Check check = new CgroupsPathCheck();

        private List<String> path(String value) {
            return linuxProblems(check, "'cgroupsPath': '" + value + "'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/myRuntime/myContainer", "jrt/abc", "/a/../b", "a/./b/..", "/", "",
                "system.slice:jrt:abc", ":jrt:abc", "user.slice:docker:x.scope", "machine.slice::name", "a:b"})
        void acceptsPathsAndSystemdNames(String value) {
            assertEquals(List.of(), path(value));
        }

        @Test
        void refusesPathsThatClimbOutOfTheirRoot() {
            assertEquals(List.of("/linux/cgroupsPath: must not climb out of the cgroup hierarchy with \"..\", "
                    + "got \"../escape\""), path("../escape"));
            assertEquals(List.of("/linux/cgroupsPath: must not climb out of the cgroup hierarchy with \"..\", "
                    + "got \"/a/../../b\""), path("/a/../../b"));
        }

        @Test
        void refusesMalformedSystemdNames() {
            assertEquals(List.of("/linux/cgroupsPath: systemd slice must end in \".slice\" and contain no \"/\", "
                    + "got \"system\" (form: slice:prefix:name)"), path("system:jrt:abc"));
            assertEquals(List.of("/linux/cgroupsPath: systemd slice must end in \".slice\" and contain no \"/\", "
                    + "got \"/a.slice\" (form: slice:prefix:name)"), path("/a.slice:jrt:abc"));
            assertEquals(List.of("/linux/cgroupsPath: systemd name must not be empty (form: slice:prefix:name)"),
                    path("system.slice:jrt:"));
            assertEquals(List.of("/linux/cgroupsPath: systemd prefix and name must not contain \"/\" "
                    + "(form: slice:prefix:name)"), path("system.slice:jrt:../x"));
        }
    }

    @Nested
    class DeviceCgroup {
        private final Check check = new DeviceCgroupCheck();

        @Test
        void acceptsRules() {
            assertEquals(List.of(), linuxProblems(check, "'resources': {'devices': [{'allow': false, 'access': 'rwm'}, "
                    + "{'allow': true, 'type': 'c', 'major': 1, 'minor': 3, 'access': 'r'}, {'allow': true, 'type': 'a'}]}"));
        }

        @Test
        void namesTheKnownTypesAndAccessLetters() {
            assertEquals(List.of("/linux/resources/devices/0/type: unknown device type \"p\" (allowed: a, b, c)",
                            "/linux/resources/devices/1/access: must be made of r, w and m, got \"rwx\""),
                    linuxProblems(check, "'resources': {'devices': [{'allow': true, 'type': 'p'}, "
                            + "{'allow': true, 'access': 'rwx'}]}"));
        }
    }

    @Nested
    class IntelRdt {
        private final Check check = new IntelRdtCheck();

        @Test
        void acceptsAGroupOrTheDefaultGroup() {
            assertEquals(List.of(), linuxProblems(check, "'intelRdt': {'closID': 'guaranteed_group', "
                    + "'schemata': ['L3:0=7f0', 'MB:0=20']}"));
            assertEquals(List.of(), linuxProblems(check, "'intelRdt': {'closID': '/'}"));
        }

        @Test
        void refusesClosIdsThatAreNotOneDirectory() {
            assertEquals(List.of("/linux/intelRdt/closID: must name one resctrl group (not \".\" or \"..\", no \"/\") "
                    + "or be \"/\", got \"../x\""), linuxProblems(check, "'intelRdt': {'closID': '../x'}"));
            assertEquals(1, linuxProblems(check, "'intelRdt': {'closID': '..'}").size());
        }

        @Test
        void needsSingleLineSchemata() {
            assertEquals(List.of("/linux/intelRdt/l3CacheSchema: must be a single line",
                            "/linux/intelRdt/schemata/1: must be a single line"),
                    linuxProblems(check, "'intelRdt': {'l3CacheSchema': 'L3:0=1\\nMB:0=2', "
                            + "'schemata': ['L3:0=1', 'MB:0=2\\nL2:0=f']}"));
        }
    }
}
