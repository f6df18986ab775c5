package dev.jrt.spec.validate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.jrt.spec.validate.Specs.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SpecValidatorTest {

    private static final String RUNNABLE = "{'ociVersion': '1.0.2-dev', 'root': {'path': 'rootfs'}, "
            + "'process': {'args': ['sh'], 'cwd': '/'}, 'hostname': 'box', "
            + "'linux': {'namespaces': [{'type': 'mount'}, {'type': 'uts'}], 'maskedPaths': ['/proc/kcore']}}";

    @Test
    void acceptsARunnableSpec() {
        assertEquals(List.of(), SpecValidator.validate(spec(RUNNABLE)));
    }

    @Test
    void reportsTheProblemsOfEveryCheckInFieldOrder() {
        List<String> problems = SpecValidator.validate(spec("{'ociVersion': '2.0.0', 'root': {'path': 'rootfs'}, "
                        + "'process': {'args': ['sh'], 'cwd': 'tmp'}, 'hostname': 'box', "
                        + "'linux': {'namespaces': [{'type': 'pidd'}], 'cgroupsPath': '../x'}}"))
                .stream().map(Problem::format).toList();
        assertEquals(List.of(
                "/ociVersion: unsupported version \"2.0.0\" (supported: 1.0.0 to 1.3.x)",
                "/process/cwd: must be an absolute path, got \"tmp\"",
                "/hostname: cannot be used without a UTS namespace (add a \"uts\" entry to /linux/namespaces)",
                "/linux/namespaces/0/type: unknown namespace \"pidd\" "
                        + "(allowed: cgroup, ipc, mount, network, pid, time, user, uts)",
                "/linux/cgroupsPath: must not climb out of the cgroup hierarchy with \"..\", got \"../x\""), problems);
    }

    @Test
    void runsEveryCheckOnce() {
        assertEquals(23, SpecValidator.CHECKS.size());
        assertEquals(SpecValidator.CHECKS.size(),
                SpecValidator.CHECKS.stream().map(Object::getClass).distinct().count());
    }

    @Test
    void warnsAboutDeprecatedButAcceptedSettings() {
        assertEquals(List.of(new Problem("/mounts/0/destination",
                        "relative destination \"tmp\" is deprecated: it is taken as relative to /")),
                SpecValidator.warnings(spec("{'mounts': [{'destination': 'tmp'}]}")));
        assertEquals(List.of(), SpecValidator.warnings(spec(RUNNABLE)));
    }

    @Test
    void copesWithAnEmptySpec() {
        assertEquals(List.of("/ociVersion: is required (supported: 1.0.0 to 1.3.x)", "/root: is required",
                        "/process: is required: it names the program the container runs"),
                SpecValidator.validate(spec("{}")).stream().map(Problem::format).toList());
    }
}
