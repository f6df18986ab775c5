package dev.jrt.spec.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jrt.spec.Reference;
import dev.jrt.spec.json.BindException;
import dev.jrt.spec.json.Json;
import dev.jrt.spec.json.TreeReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The hand-written binder reads every config exactly as Jackson databind reads the records. */
class ModelBinderTest {

    private static JsonNode tree(String json) throws IOException {
        return TreeReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    static List<Path> goodConfigs() {
        return Reference.jsonFiles("schema/test/config/good");
    }

    @Test
    void bindsEveryMemberAsDatabindDoes() throws IOException {
        JsonNode full = tree(FullSpecTest.EVERY_MEMBER);
        Spec spec = ModelBinder.spec(full);
        assertEquals(Json.mapper().treeToValue(full, Spec.class), spec);
        assertEquals(Json.mapper().treeToValue(full.get("process"), Process.class), ModelBinder.process(full.get("process")));
        JsonNode resources = full.get("linux").get("resources");
        assertEquals(Json.mapper().treeToValue(resources, LinuxResources.class), ModelBinder.resources(resources));
    }

    @ParameterizedTest
    @MethodSource("goodConfigs")
    void bindsTheReferenceVectorsAsDatabindDoes(Path file) throws IOException {
        JsonNode config = tree(Reference.read(file));
        assertEquals(Json.mapper().treeToValue(config, Spec.class), ModelBinder.spec(config));
    }

    @Test
    void readsUint64AsTheBitsOfALongAndIntegralFloatsAsIntegers() throws IOException {
        Process p = ModelBinder.process(tree("""
                {"rlimits": [{"type": "RLIMIT_CORE", "hard": 18446744073709551615, "soft": 1.0},
                             {"type": "RLIMIT_CPU", "hard": 4.096e3, "soft": 9223372036854775808}]}"""));
        assertEquals(new PosixRlimit("RLIMIT_CORE", -1L, 1L), p.rlimits().get(0));
        assertEquals(new PosixRlimit("RLIMIT_CPU", 4096L, Long.MIN_VALUE), p.rlimits().get(1));
    }

    @Test
    void readsNullAndAbsentAlikeAndIgnoresUnknownMembers() throws IOException {
        Spec spec = ModelBinder.spec(tree("{\"hostname\": null, \"future\": {\"x\": 1}, \"mounts\": [null]}"));
        assertNull(spec.hostname());
        assertEquals(1, spec.mounts().size());
        assertNull(spec.mounts().get(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"process": {"args": "sh"}}                           | /process/args                 | want an array, got a string
            {"process": []}                                       | /process                      | want an object, got an array
            {"hostname": 7}                                       | /hostname                     | want a string, got a number
            {"root": {"readonly": "yes"}}                         | /root/readonly                | want a boolean, got a string
            {"process": {"oomScoreAdj": 2147483648}}              | /process/oomScoreAdj          | must be an integer between -2147483648 and 2147483647, got 2147483648
            {"process": {"rlimits": [{"hard": -1}]}}              | /process/rlimits/0/hard       | must be an integer between 0 and 18446744073709551615, got -1
            {"process": {"rlimits": [{"soft": 18446744073709551616}]}} | /process/rlimits/0/soft  | must be an integer between 0 and 18446744073709551615, got 18446744073709551616
            {"process": {"user": {"uid": 1.5}}}                   | /process/user/uid             | want an integer, got a number
            {"annotations": {"a/b~c": 1}}                         | /annotations/a~1b~0c          | want a string, got a number
            {"linux": {"resources": {"blockIO": {"weight": "1"}}}} | /linux/resources/blockIO/weight | want an integer, got a string
            """)
    void namesTheValueItCannotHold(String json, String pointer, String message) throws IOException {
        JsonNode config = tree(json);
        BindException e = assertThrows(BindException.class, () -> ModelBinder.spec(config));
        assertEquals(pointer, e.pointer());
        assertEquals(message, e.getMessage());
    }

    @Test
    void treeReaderRefusesTrailingValuesAndReportsEmptyInput() throws IOException {
        assertNull(TreeReader.read(new byte[0]));
        assertNull(TreeReader.read("  \n".getBytes(StandardCharsets.UTF_8)));
        assertThrows(com.fasterxml.jackson.core.JsonParseException.class, () -> tree("{} {}"));
        assertEquals(Json.mapper().readTree("{\"a\": 1, \"a\": [2, 3000000000, 1.5e3, 99999999999999999999]}"),
                tree("{\"a\": 1, \"a\": [2, 3000000000, 1.5e3, 99999999999999999999]}"));
    }
}
