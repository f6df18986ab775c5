package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.Container;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** config-linux.md "Namespaces": new, inherited and joined namespaces, and invalid ones. */
@ConformanceTest
class NamespacesTest {

    /** config type -> name under /proc/self/ns */
    private static final Map<String, String> PROC = Map.of("pid", "pid", "network", "net", "mount", "mnt",
            "ipc", "ipc", "uts", "uts", "cgroup", "cgroup", "user", "user");

    static String hostNs(String type) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/self/ns", PROC.get(type))).toString();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pid", "network", "mount", "ipc", "uts", "cgroup"})
    @Requirement(file = "config-linux.md", heading = "Namespaces",
            text = "If path is not specified, the runtime MUST create a new container namespace of type type")
    void aListedNamespaceIsNew(String type, Sandbox sb) throws IOException {
        ProbeReport p = sb.report(sb.bundle().namespace(type).build());
        assertNotEquals(hostNs(type), p.namespace(PROC.get(type)), type + " namespace is the host's");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"network", "ipc", "uts", "cgroup"})
    @Requirement(file = "config-linux.md", heading = "Namespaces",
            text = "If a namespace type is not specified in the namespaces array, the container MUST inherit the runtime namespace of that type")
    void anUnlistedNamespaceIsInherited(String type, Sandbox sb) throws IOException {
        var b = sb.bundle().withoutNamespace(type);
        if (type.equals("uts")) {
            b.noHostname();
        }
        ProbeReport p = sb.report(b.build());
        assertEquals(hostNs(type), p.namespace(PROC.get(type)), type + " namespace is not the host's");
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Namespaces",
            text = "If a namespace type is not specified, the container MUST inherit the runtime namespace (pid: the host's pid namespace)")
    void withoutAPidNamespaceTheProcessIsNotPid1(Sandbox sb) throws IOException {
        ProbeReport p = sb.report(sb.bundle().withoutNamespace("pid").build());
        assertEquals(hostNs("pid"), p.namespace("pid"));
        assertNotEquals(1, p.pid());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Namespaces",
            text = "pid namespace: processes inside the container will only be able to see other processes inside the same container (the process is PID 1)")
    void inANewPidNamespaceTheProcessIsPid1(Sandbox sb) {
        assertEquals(1, sb.report(sb.bundle().build()).pid());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"network", "ipc", "uts"})
    @Requirement(file = "config-linux.md", heading = "Namespaces",
            text = "path: the runtime MUST place the container process in the namespace associated with that path")
    void aNamespacePathIsJoined(String type, Sandbox sb) throws IOException {
        Container first = sb.create(sb.bundle().args("/probe", "sleep", "100").build());
        long pid = first.pidFromFile();
        String nsPath = "/proc/" + pid + "/ns/" + PROC.get(type);
        String expected = Files.readSymbolicLink(Path.of(nsPath)).toString();
        var b = sb.bundle().namespace(type, nsPath);
        if (type.equals("uts")) {
            b.noHostname();
        }
        ProbeReport p = sb.report(b.build());
        assertEquals(expected, p.namespace(PROC.get(type)), "did not join " + nsPath);
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Namespaces",
            text = "The runtime MUST generate an error if path is not associated with a namespace of type type")
    void aPathOfTheWrongNamespaceTypeIsAnError(Sandbox sb) {
        // a uts namespace file given as the network namespace
        assertFalse(sb.tryRun(sb.bundle().namespace("network", "/proc/self/ns/uts").build()).ok());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Namespaces",
            text = "The runtime MUST generate an error if path is not associated with a namespace (a regular file)")
    void aPathThatIsNotANamespaceIsAnError(Sandbox sb) throws IOException {
        Path f = Files.writeString(sb.dir().resolve("not-a-namespace"), "x");
        assertFalse(sb.tryRun(sb.bundle().namespace("network", f.toString()).build()).ok());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Namespaces",
            text = "If a namespaces field contains duplicated namespaces with same type, the runtime MUST generate an error")
    void duplicatedNamespaceTypesAreAnError(Sandbox sb) {
        var b = sb.bundle();
        b.linux().withArrayProperty("namespaces").addObject().put("type", "network");
        assertFalse(sb.tryRun(b.build()).ok());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Namespaces",
            text = "type: namespace type; an unknown type is an invalid value (runtimes MUST generate an error when invalid values are encountered)")
    void anUnknownNamespaceTypeIsAnError(Sandbox sb) {
        var b = sb.bundle();
        b.linux().withArrayProperty("namespaces").addObject().put("type", "not-a-namespace");
        assertFalse(sb.tryRun(b.build()).ok());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "User namespace mappings",
            text = "uidMappings and gidMappings describe the user namespace uid and gid mappings from the host to the container")
    void userNamespaceMappingsAreApplied(Sandbox sb) throws IOException {
        var b = sb.bundle().namespace("user").args("/probe", "cat", "/proc/self/uid_map");
        b.linux().putArray("uidMappings").addObject().put("containerID", 0).put("hostID", 100000).put("size", 65536);
        b.linux().putArray("gidMappings").addObject().put("containerID", 0).put("hostID", 100000).put("size", 65536);
        String map = sb.run(b.build()).stdout().trim().replaceAll("\\s+", " ");
        assertEquals("0 100000 65536", map);
        ProbeReport p = sb.report(b.args("/probe", "report").build());
        assertNotEquals(hostNs("user"), p.namespace("user"));
        assertEquals(0, p.uid());
    }

    @Test
    @Requirement(file = "runtime.md", heading = "Delete",
            text = "Resources associated with the container, but not created by this container, MUST NOT be deleted (a joined namespace survives delete)")
    void deleteDoesNotRemoveAJoinedNamespace(Sandbox sb) throws IOException {
        Container owner = sb.create(sb.bundle().args("/probe", "sleep", "100").build());
        String nsPath = "/proc/" + owner.pidFromFile() + "/ns/net";
        String before = Files.readSymbolicLink(Path.of(nsPath)).toString();
        Container joiner = sb.create(sb.bundle().namespace("network", nsPath).args("/probe", "exit", "0").build());
        joiner.start();
        joiner.awaitStatus("stopped", java.time.Duration.ofSeconds(10));
        joiner.delete();
        assertTrue(Files.exists(Path.of(nsPath)));
        assertEquals(before, Files.readSymbolicLink(Path.of(nsPath)).toString());
        assertEquals("created", owner.status(), "the owner of the joined namespace was affected");
    }
}
