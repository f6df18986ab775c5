package dev.jrt.spec.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jrt.spec.Reference;
import dev.jrt.spec.json.Json;
import dev.jrt.spec.validate.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConfigSchemaTest {

    /** Validates JSON written with single quotes, for readability. */
    private static List<String> problems(String json) {
        try {
            JsonNode tree = Json.mapper().readTree(json.replace('\'', '"'));
            return ConfigSchema.validate(tree).stream().map(Problem::format).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> problemsIn(String linuxOrProcessMembers) {
        return problems("{'ociVersion': '1.0.0', 'root': {'path': 'rootfs'}, " + linuxOrProcessMembers + "}");
    }

    static List<Path> goodConfigs() {
        return Reference.jsonFiles("schema/test/config/good");
    }

    @ParameterizedTest
    @MethodSource("goodConfigs")
    void acceptsEveryGoodReferenceConfig(Path file) throws Exception {
        assertEquals(List.of(), ConfigSchema.validate(Json.mapper().readTree(Reference.read(file))));
    }

    @Test
    void refusesTheBadLinuxReferenceConfigs() throws Exception {
        Path bad = Reference.runtimeSpec().resolve("schema/test/config/bad");
        assertEquals(List.of(new Problem("/linux/resources/hugepageLimits/0/pageSize",
                        "must be a page size such as \"2MB\" (a number, then KB, MB or GB)")),
                ConfigSchema.validate(Json.mapper().readTree(Reference.read(bad.resolve("linux-hugepage.json")))));
        assertEquals(List.of(new Problem("/linux/netDevices/eth0/name", "must be a string")),
                ConfigSchema.validate(Json.mapper().readTree(Reference.read(bad.resolve("linux-netdevice.json")))));
        assertEquals(List.of(new Problem("/linux/resources/rdma/mlx5_1/hcaHandles",
                        "must be an integer between 0 and 4294967295")),
                ConfigSchema.validate(Json.mapper().readTree(Reference.read(bad.resolve("linux-rdma.json")))));
    }

    @Test
    void acceptsUnknownMembersAnywhere() {
        assertEquals(List.of(), problemsIn("'x-extra': 1, 'process': {'cwd': '/', 'future': []}, 'linux': {'new': {}}"));
    }

    @Test
    void namesMissingRequiredMembersAtTheirOwnPointer() {
        assertEquals(List.of("/ociVersion: is required", "/root: is required"), problems("{}"));
        assertEquals(List.of("/process/cwd: is required"), problemsIn("'process': {'args': ['sh']}"));
        assertEquals(List.of("/root/path: is required"),
                problems("{'ociVersion': '1.0.0', 'root': {'readonly': true}}"));
        assertEquals(List.of("/process/rlimits/0/soft: is required", "/process/rlimits/0/hard: is required"),
                problemsIn("'process': {'cwd': '/', 'rlimits': [{'type': 'RLIMIT_CORE'}]}"));
    }

    @Test
    void saysWhatTypeIsWanted() {
        assertEquals(List.of("/: must be an object"), problems("[]"));
        assertEquals(List.of("/ociVersion: must be a string"), problems("{'ociVersion': 1, 'root': {'path': 'r'}}"));
        assertEquals(List.of("/process/args: must be an array of strings"),
                problemsIn("'process': {'cwd': '/', 'args': 'sh'}"));
        assertEquals(List.of("/process/args/1: must be a string"),
                problemsIn("'process': {'cwd': '/', 'args': ['sh', 1]}"));
        assertEquals(List.of("/process/terminal: must be true or false"),
                problemsIn("'process': {'cwd': '/', 'terminal': 'yes'}"));
        assertEquals(List.of("/mounts: must be an array of objects"), problemsIn("'mounts': {}"));
        assertEquals(List.of("/process/user/additionalGids: must be an array of integers between 0 and 4294967295"),
                problemsIn("'process': {'cwd': '/', 'user': {'additionalGids': 5}}"));
        assertEquals(List.of("/annotations: must be an object with strings as values"), problemsIn("'annotations': []"));
        assertEquals(List.of("/linux/resources/rdma: must be an object with objects as values"),
                problemsIn("'linux': {'resources': {'rdma': 1}}"));
    }

    @Test
    void saysTheRangeOfIntegers() {
        assertEquals(List.of("/process/user/uid: must be an integer between 0 and 4294967295"),
                problemsIn("'process': {'cwd': '/', 'user': {'uid': -1}}"));
        assertEquals(List.of("/process/user/gid: must be an integer between 0 and 4294967295"),
                problemsIn("'process': {'cwd': '/', 'user': {'gid': 1.5}}"));
        assertEquals(List.of("/linux/resources/memory/limit: must be an integer between -9223372036854775808"
                        + " and 9223372036854775807"),
                problemsIn("'linux': {'resources': {'memory': {'limit': 9223372036854775808}}}"));
        assertEquals(List.of("/hooks/poststart/0/timeout: must be an integer between 1 and 2147483647"),
                problemsIn("'hooks': {'poststart': [{'path': '/bin/true', 'timeout': 0}]}"));
        assertEquals(List.of("/linux/resources/blockIO/weight: must be an integer between 0 and 65535"),
                problemsIn("'linux': {'resources': {'blockIO': {'weight': 65536}}}"));
    }

    @Test
    void acceptsTheWholeUint64Range() {
        assertEquals(List.of(), problemsIn(
                "'process': {'cwd': '/', 'rlimits': [{'type': 'RLIMIT_CORE', 'soft': 0, 'hard': 18446744073709551615}]}"));
        assertEquals(List.of("/process/rlimits/0/hard: must be an integer between 0 and 18446744073709551615"),
                problemsIn("'process': {'cwd': '/', 'rlimits': "
                        + "[{'type': 'RLIMIT_CORE', 'soft': 0, 'hard': 18446744073709551616}]}"));
    }

    @Test
    void escapesMemberNamesInPointers() {
        assertEquals(List.of("/linux/sysctl/net~1ipv4~1ip_forward: must be a string"),
                problemsIn("'linux': {'sysctl': {'net/ipv4/ip_forward': 1}}"));
    }

    @Test
    void usesTheSchemasOwnMessagesForFormats() {
        assertEquals(List.of("/annotations: keys must not be empty"), problemsIn("'annotations': {'': 'x'}"));
        assertEquals(List.of("/linux/seccomp/syscalls/0/names: must name at least one syscall"),
                problemsIn("'linux': {'seccomp': {'defaultAction': 'SCMP_ACT_ALLOW', "
                        + "'syscalls': [{'names': [], 'action': 'SCMP_ACT_ERRNO'}]}}"));
        assertEquals(List.of("/process/execCPUAffinity/initial: must be a list of CPUs such as \"0-3,7\""),
                problemsIn("'process': {'cwd': '/', 'execCPUAffinity': {'initial': 'all'}}"));
        assertEquals(List.of("/linux/intelRdt/memBwSchema: must start with \"MB:\" and be a single line"),
                problemsIn("'linux': {'intelRdt': {'memBwSchema': 'L3:0=1'}}"));
    }

    @Test
    void reportsEveryProblemAtOnceInDocumentOrder() {
        assertEquals(List.of(
                        "/process/args/0: must be a string",
                        "/process/cwd: is required",
                        "/linux/namespaces/0/type: is required",
                        "/linux/uidMappings/0/size: is required"),
                problemsIn("'process': {'args': [1]}, "
                        + "'linux': {'namespaces': [{}], 'uidMappings': [{'containerID': 0, 'hostID': 0}]}"));
    }
}
