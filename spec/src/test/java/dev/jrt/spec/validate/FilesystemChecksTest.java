package dev.jrt.spec.validate;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.jrt.spec.validate.Specs.linuxProblems;
import static dev.jrt.spec.validate.Specs.problems;
import static dev.jrt.spec.validate.Specs.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FilesystemChecksTest {

    @Nested
    class Root {
        private final Check check = new RootCheck();

        @Test
        void needsARootPath() {
            assertEquals(List.of("/root: is required"), problems(check, "{}"));
            assertEquals(List.of("/root/path: must not be empty"), problems(check, "{'root': {'path': ''}}"));
            assertEquals(List.of(), problems(check, "{'root': {'path': 'rootfs'}}"));
        }
    }

    @Nested
    class Mounts {
        private final Check check = new MountsCheck();
        private static final String MAP = "[{'containerID': 0, 'hostID': 1000, 'size': 1}]";

        @Test
        void needsADestination() {
            assertEquals(List.of("/mounts/1/destination: must not be empty"),
                    problems(check, "{'mounts': [{'destination': '/proc'}, {'destination': '', 'source': 'x'}]}"));
        }

        @Test
        void needsIdMappingsInPairs() {
            assertEquals(List.of("/mounts/0: uidMappings and gidMappings must be given together"),
                    problems(check, "{'mounts': [{'destination': '/d', 'uidMappings': " + MAP + "}]}"));
            assertEquals(List.of(), problems(check, "{'mounts': [{'destination': '/d', 'options': ['bind', 'idmap'], "
                    + "'uidMappings': " + MAP + ", 'gidMappings': " + MAP + "}]}"));
        }

        @Test
        void acceptsARelativeDestinationButWarnsItIsDeprecated() {
            String json = "{'mounts': [{'destination': '/ok'}, {'destination': 'data'}]}";
            assertEquals(List.of(), problems(check, json));
            assertEquals(List.of(new Problem("/mounts/1/destination",
                            "relative destination \"data\" is deprecated: it is taken as relative to /")),
                    MountsCheck.warnings(spec(json)));
        }
    }

    @Nested
    class ProtectedPaths {
        private final Check check = new ProtectedPathsCheck();

        @Test
        void needsAbsolutePaths() {
            assertEquals(List.of("/linux/maskedPaths/1: must be an absolute path, got \"proc/kcore\"",
                            "/linux/readonlyPaths/0: must be an absolute path, got \"sys\""),
                    linuxProblems(check, "'namespaces': [{'type': 'mount'}], "
                            + "'maskedPaths': ['/proc/acpi', 'proc/kcore'], 'readonlyPaths': ['sys']"));
        }

        @Test
        void needsAMountNamespace() {
            assertEquals(List.of("/linux/maskedPaths: cannot be used without a mount namespace "
                            + "(add a \"mount\" entry to /linux/namespaces)"),
                    linuxProblems(check, "'maskedPaths': ['/proc/kcore'], 'readonlyPaths': []"));
        }
    }

    @Nested
    class RootfsPropagation {
        private final Check check = new RootfsPropagationCheck();

        @Test
        void acceptsTheSpecKindsAndTheirRecursiveForms() {
            for (String kind : List.of("shared", "slave", "private", "unbindable", "rshared", "rslave", "rprivate",
                    "runbindable")) {
                assertEquals(List.of(), linuxProblems(check, "'rootfsPropagation': '" + kind + "'"), kind);
            }
        }

        @Test
        void namesTheKnownKinds() {
            assertEquals(List.of("/linux/rootfsPropagation: unknown propagation \"slaves\" (allowed: private, "
                            + "rprivate, rshared, rslave, runbindable, shared, slave, unbindable)"),
                    linuxProblems(check, "'rootfsPropagation': 'slaves'"));
        }
    }

    @Nested
    class Devices {
        private final Check check = new DevicesCheck();

        @Test
        void acceptsNodesAndFifosWithoutNumbers() {
            assertEquals(List.of(), linuxProblems(check, "'devices': [{'path': '/dev/fuse', 'type': 'c', "
                    + "'major': 10, 'minor': 229}, {'path': '/run/fifo', 'type': 'p'}]"));
        }

        @Test
        void namesTheKnownTypes() {
            assertEquals(List.of("/linux/devices/0/type: unknown device type \"x\" (allowed: b, c, p, u)"),
                    linuxProblems(check, "'devices': [{'path': '/dev/x', 'type': 'x'}]"));
        }

        @Test
        void needsNumbersForCharAndBlockDevices() {
            assertEquals(List.of("/linux/devices/0/major: is required for device type \"b\"",
                            "/linux/devices/0/minor: is required for device type \"b\""),
                    linuxProblems(check, "'devices': [{'path': '/dev/sda', 'type': 'b'}]"));
        }

        @Test
        void needsAnAbsolutePath() {
            assertEquals(List.of("/linux/devices/0/path: must be an absolute path, got \"dev/fuse\""),
                    linuxProblems(check, "'devices': [{'path': 'dev/fuse', 'type': 'u', 'major': 10, 'minor': 229}]"));
        }
    }
}
