package dev.jrt.spec;

import dev.jrt.spec.model.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The runtime-spec's own config test vectors, through the whole loader. */
class ReferenceConfigVectorsTest {

    private static Path config(String kind, String name) {
        return Reference.runtimeSpec().resolve("schema/test/config").resolve(kind).resolve(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            invalid-json.json   | not valid JSON at line 1, column 2: Unexpected close marker ']': expected '}' (for Object starting at [line: 1, column: 1])
            linux-hugepage.json | /linux/resources/hugepageLimits/0/pageSize: must be a page size such as "2MB" (a number, then KB, MB or GB)
            linux-netdevice.json| /linux/netDevices/eth0/name: must be a string
            linux-rdma.json     | /linux/resources/rdma/mlx5_1/hcaHandles: must be an integer between 0 and 4294967295
            """)
    void refusesTheBadLinuxVectors(String name, String problem) {
        Path file = config("bad", name);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(file + ": " + problem, e.getMessage());
    }

    @Test
    void loadsTheMinimalConfigForStart() {
        Spec spec = ConfigLoader.load(config("good", "minimal-for-start.json"));
        assertEquals("rootfs", spec.root().path());
    }

    @Test
    void refusesTheSpecExampleOnlyForItsPreReleaseVersion() {
        Path file = config("good", "spec-example.json");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(file + ": /ociVersion: unsupported version \"0.5.0-dev\" (supported: 1.0.0 to 1.3.x)",
                e.getMessage());
        String asReleased = Reference.read(file).replace("\"0.5.0-dev\"", "\"1.0.1\"");
        assertEquals("slartibartfast", ConfigLoader.parse(asReleased).hostname());
    }
}
