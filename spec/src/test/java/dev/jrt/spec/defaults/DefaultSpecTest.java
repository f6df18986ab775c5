package dev.jrt.spec.defaults;

import dev.jrt.spec.ConfigLoader;
import dev.jrt.spec.model.LinuxIdMapping;
import dev.jrt.spec.model.LinuxNamespace;
import dev.jrt.spec.model.Mount;
import dev.jrt.spec.model.Spec;
import dev.jrt.spec.validate.SpecValidator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DefaultSpecTest {

    private static List<String> namespaceTypes(Spec spec) {
        return spec.linux().namespaces().stream().map(LinuxNamespace::type).toList();
    }

    private static Mount mountAt(Spec spec, String destination) {
        return spec.mounts().stream().filter(m -> m.destination().equals(destination)).findFirst().orElseThrow();
    }

    @Test
    void isRuncsExampleWithJrtAsHostname() throws IOException {
        try (InputStream golden = getClass().getResourceAsStream("runc-style-default.json")) {
            assertEquals(new String(golden.readAllBytes(), StandardCharsets.UTF_8), ConfigLoader.write(DefaultSpec.spec()));
        }
    }

    @Test
    void passesJrtsOwnValidation() {
        assertEquals(List.of(), SpecValidator.validate(DefaultSpec.spec()));
        assertEquals(DefaultSpec.spec(), ConfigLoader.parse(ConfigLoader.write(DefaultSpec.spec())));
        assertEquals(List.of(), SpecValidator.validate(DefaultSpec.rootless(1000, 1000)));
        assertEquals(DefaultSpec.rootless(1000, 1000),
                ConfigLoader.parse(ConfigLoader.write(DefaultSpec.rootless(1000, 1000))));
    }

    @Test
    void addsTheCgroupNamespaceOnlyWhenAsked() {
        assertEquals(List.of("pid", "network", "ipc", "uts", "mount", "cgroup"), namespaceTypes(DefaultSpec.spec(true)));
        assertEquals(List.of("pid", "network", "ipc", "uts", "mount"), namespaceTypes(DefaultSpec.spec(false)));
    }

    @Test
    void isSafeByDefault() {
        Spec spec = DefaultSpec.spec();
        assertEquals("1.0.2", spec.ociVersion());
        assertEquals(true, spec.process().noNewPrivileges());
        assertEquals(true, spec.root().readonly());
        assertNull(spec.process().capabilities().inheritable());
        assertNull(spec.process().capabilities().ambient());
        assertEquals(List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"),
                spec.process().capabilities().bounding());
        assertEquals(false, spec.linux().resources().devices().get(0).allow());
    }

    @Test
    void rootlessMapsTheCallerAndDropsWhatAnUnprivilegedUserCannotSetUp() {
        Spec spec = DefaultSpec.rootless(1000, 1001);
        assertEquals(List.of("pid", "ipc", "uts", "mount", "cgroup", "user"), namespaceTypes(spec));
        assertEquals(List.of(new LinuxIdMapping(0L, 1000L, 1L)), spec.linux().uidMappings());
        assertEquals(List.of(new LinuxIdMapping(0L, 1001L, 1L)), spec.linux().gidMappings());
        assertEquals(new Mount("/sys", "none", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro")),
                mountAt(spec, "/sys"));
        assertEquals(List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"),
                mountAt(spec, "/dev/pts").options());
        assertNull(spec.linux().resources());
        assertEquals(DefaultSpec.spec().mounts().size(), spec.mounts().size());
    }

    @Test
    void toRootlessKeepsOneUserNamespaceAndOptionlessMounts() {
        Spec withUser = DefaultSpec.spec(false).withLinux(DefaultSpec.spec(false).linux().withNamespaces(List.of(
                new LinuxNamespace("user", "/proc/1/ns/user"), new LinuxNamespace("network"), new LinuxNamespace("pid"))))
                .withMounts(List.of(new Mount("/sys/", "sysfs", "sysfs", null),
                        new Mount("/tmp", "tmpfs", "tmpfs", List.of("uid=0", "gid=0")),
                        new Mount("/proc", "proc", "proc", null)));
        Spec rootless = DefaultSpec.toRootless(withUser, 5, 6);
        assertEquals(List.of(new LinuxNamespace("pid"), new LinuxNamespace("user")), rootless.linux().namespaces());
        assertEquals("/sys", rootless.mounts().get(0).source());
        assertNull(rootless.mounts().get(1).options());
        assertNull(rootless.mounts().get(2).options());
    }
}
