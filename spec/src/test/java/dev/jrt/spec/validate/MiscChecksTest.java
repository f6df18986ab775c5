package dev.jrt.spec.validate;

import dev.jrt.spec.model.Hook;
import dev.jrt.spec.model.Hooks;
import dev.jrt.spec.model.Spec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.jrt.spec.validate.Specs.linuxProblems;
import static dev.jrt.spec.validate.Specs.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MiscChecksTest {

    @Nested
    class HooksPaths {
        private final Check check = new HooksCheck();

        @Test
        void needsAbsolutePathsInEveryHookList() {
            assertEquals(List.of("/hooks/prestart/1/path: must be an absolute path, got \"fix-mounts\"",
                            "/hooks/poststop/0/path: must be an absolute path, got \"./cleanup.sh\""),
                    problems(check, "{'hooks': {'prestart': [{'path': '/bin/ok'}, {'path': 'fix-mounts'}], "
                            + "'createRuntime': [{'path': '/a'}], 'createContainer': [{'path': '/b'}], "
                            + "'startContainer': [{'path': '/c'}], 'poststart': [{'path': '/d'}], "
                            + "'poststop': [{'path': './cleanup.sh'}]}}"));
        }

        @Test
        void needsAPathAndAPositiveTimeout() {
            Spec spec = new Spec(null, null, null, null, null, null,
                    new Hooks(null, List.of(new Hook("", null, null, 0)), null, null, null, null), null, null);
            assertEquals(List.of(new Problem("/hooks/createRuntime/0/path", "is required"),
                            new Problem("/hooks/createRuntime/0/timeout", "must be greater than zero, got 0")),
                    check.check(spec));
        }
    }

    @Nested
    class MemoryPolicy {
        private final Check check = new MemoryPolicyCheck();

        @Test
        void acceptsKnownModesAndFlags() {
            assertEquals(List.of(), linuxProblems(check, "'memoryPolicy': {'mode': 'MPOL_BIND', 'nodes': '0-1', "
                    + "'flags': ['MPOL_F_STATIC_NODES']}"));
        }

        @Test
        void namesTheKnownModesAndFlags() {
            assertEquals(List.of("/linux/memoryPolicy/mode: unknown mode \"MPOL_SPREAD\" (allowed: MPOL_BIND, "
                            + "MPOL_DEFAULT, MPOL_INTERLEAVE, MPOL_LOCAL, MPOL_PREFERRED, MPOL_PREFERRED_MANY, "
                            + "MPOL_WEIGHTED_INTERLEAVE)",
                            "/linux/memoryPolicy/flags/0: unknown flag \"MPOL_F_X\" (allowed: MPOL_F_NUMA_BALANCING, "
                            + "MPOL_F_RELATIVE_NODES, MPOL_F_STATIC_NODES)"),
                    linuxProblems(check, "'memoryPolicy': {'mode': 'MPOL_SPREAD', 'flags': ['MPOL_F_X']}"));
            assertEquals(List.of("/linux/memoryPolicy/mode: is required"), linuxProblems(check, "'memoryPolicy': {}"));
        }
    }

    @Nested
    class Personality {
        private final Check check = new PersonalityCheck();

        @Test
        void acceptsLinuxAndLinux32() {
            assertEquals(List.of(), linuxProblems(check, "'personality': {'domain': 'LINUX32'}"));
            assertEquals(List.of(), linuxProblems(check, "'personality': {'domain': 'LINUX', 'flags': []}"));
        }

        @Test
        void namesTheKnownDomainsAndRefusesFlags() {
            assertEquals(List.of("/linux/personality/domain: unknown domain \"LINUX64\" (allowed: LINUX, LINUX32)",
                            "/linux/personality/flags/0: unknown flag \"ADDR_NO_RANDOMIZE\" (no flags are supported)"),
                    linuxProblems(check, "'personality': {'domain': 'LINUX64', 'flags': ['ADDR_NO_RANDOMIZE']}"));
            assertEquals(List.of("/linux/personality/domain: is required"), linuxProblems(check, "'personality': {}"));
        }
    }
}
