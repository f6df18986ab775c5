package dev.jrt.spec.features;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jrt.spec.Reference;
import dev.jrt.spec.json.Json;
import dev.jrt.spec.model.Known;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FeaturesTest {

    static List<Path> goodFeatures() {
        return Reference.jsonFiles("schema/test/features/good");
    }

    @ParameterizedTest
    @MethodSource("goodFeatures")
    void readsAndWritesTheReferenceVectorsUnchanged(Path file) throws Exception {
        JsonNode original = Json.mapper().readTree(Reference.read(file));
        Features features = Json.mapper().treeToValue(original, Features.class);
        assertEquals(original, Json.mapper().readTree(features.toJson()));
    }

    @Test
    void readsRuncsFeatures() throws Exception {
        Features runc = Json.mapper().readValue(
                Reference.read(Reference.runtimeSpec().resolve("schema/test/features/good/runc.json")), Features.class);
        assertEquals("1.0.2-dev", runc.ociVersionMax());
        assertEquals(true, runc.linux().cgroup().systemdUser());
        assertNull(runc.linux().cgroup().rdma());
        assertEquals(List.of("SECCOMP_FILTER_FLAG_LOG"), runc.linux().seccomp().supportedFlags());
        assertEquals(true, runc.linux().netDevices().enabled());
    }

    @Test
    void leavesAMissingVersionForTheCallerToNotice() throws Exception {
        Features bad = Json.mapper().readValue(Reference.read(
                Reference.runtimeSpec().resolve("schema/test/features/bad/missing-ociVersionMax.json")), Features.class);
        assertEquals("1.1.0", bad.ociVersionMin());
        assertNull(bad.ociVersionMax());
    }

    @Test
    void writesOnlyWhatIsSetFourSpacesIndented() {
        Features features = new Features(Known.OCI_VERSION_MIN, Known.OCI_VERSION_MAX, List.of("prestart"), null,
                new Features.Linux(List.of("pid"), null, new Features.Cgroup(false, true, null, null, null), null,
                        new Features.Enabled(false), null, new Features.IntelRdt(true, true, false),
                        new Features.MountExtensions(new Features.Enabled(true)), null,
                        new Features.MemoryPolicy(List.of(), null)),
                null, List.of("org.systemd.property."));
        assertEquals("""
                {
                    "ociVersionMin": "1.0.0",
                    "ociVersionMax": "1.3.0",
                    "hooks": [
                        "prestart"
                    ],
                    "linux": {
                        "namespaces": [
                            "pid"
                        ],
                        "cgroup": {
                            "v1": false,
                            "v2": true
                        },
                        "apparmor": {
                            "enabled": false
                        },
                        "intelRdt": {
                            "enabled": true,
                            "schemata": true,
                            "monitoring": false
                        },
                        "mountExtensions": {
                            "idmap": {
                                "enabled": true
                            }
                        },
                        "memoryPolicy": {
                            "modes": []
                        }
                    },
                    "potentiallyUnsafeConfigAnnotations": [
                        "org.systemd.property."
                    ]
                }""", features.toJson());
    }
}
