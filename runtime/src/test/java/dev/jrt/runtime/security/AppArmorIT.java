package dev.jrt.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.api.CreateOptions;
import dev.jrt.runtime.api.ExecOptions;
import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.api.RuntimeOptions;
import dev.jrt.runtime.container.LinuxRuntime;
import dev.jrt.runtime.log.LogSink;
import dev.jrt.runtime.testsupport.TestBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * process.apparmorProfile on a real container (root, a kernel with AppArmor, apparmor_parser from
 * the Debian package apparmor). The development host's kernel has no LSM, so this is skipped
 * there; `make test-apparmor` runs it in the cgroup v2 lane's Debian guest, whose kernel has
 * AppArmor. A profile is loaded that denies one path; the container's process runs confined by it.
 */
class AppArmorIT {
    private static final Path PARSER = Path.of("/usr/sbin/apparmor_parser");

    @TempDir
    Path tmp;

    private final String profile = "jrt-it-" + ProcessHandle.current().pid();
    private final ContainerId id = ContainerId.of("aa-" + ProcessHandle.current().pid());
    private Path profileFile;
    private Path bundle;
    private Path rootfs;
    private LinuxRuntime runtime;

    @BeforeEach
    void setUp() throws Exception {
        TestBundle.assumeRootIntegration();
        Assumptions.assumeTrue(HostSecurity.apparmorEnabled(),
                "AppArmor is not enabled here (no /sys/kernel/security/apparmor): make test-apparmor runs this in a VM");
        Assumptions.assumeTrue(Files.isExecutable(PARSER), "apparmor_parser is missing (Debian package apparmor)");
        profileFile = tmp.resolve(profile);
        Files.writeString(profileFile, """
                profile %s flags=(attach_disconnected,mediate_deleted) {
                  file,
                  capability,
                  deny /out/denied w,
                }
                """.formatted(profile));
        sh(PARSER.toString(), "-r", profileFile.toString());
        bundle = tmp.resolve("bundle");
        rootfs = TestBundle.create(bundle);
        tmp.toFile().setExecutable(true, false);
        bundle.toFile().setExecutable(true, false);
        runtime = new LinuxRuntime(new RuntimeOptions(tmp.resolve("state"), Path.of(System.getProperty("jrt.init")),
                LogSink.NONE, false));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (runtime != null) {
            runtime.delete(id, true);
        }
        if (profileFile != null) {
            sh(PARSER.toString(), "-R", profileFile.toString());
        }
    }

    private void config(String apparmorProfile) throws Exception {
        String script = "cat /proc/self/attr/current > /out/label;"
                + " if echo x > /out/denied; then echo wrote > /out/result; else echo refused > /out/result; fi;"
                + " echo x > /out/allowed";
        Files.writeString(bundle.resolve("config.json"), TestBundle.config(script, null)
                .replace("\"noNewPrivileges\": true", "\"noNewPrivileges\": true, \"apparmorProfile\": \"" + apparmorProfile + "\""));
    }

    @Test
    void theProcessRunsConfinedByTheProfile() throws Exception {
        config(profile);
        assertEquals(0, runtime.run(id, CreateOptions.of(bundle), false));
        assertEquals(profile + " (enforce)", Files.readString(rootfs.resolve("out/label")).trim());
        assertEquals("refused", Files.readString(rootfs.resolve("out/result")).trim(), "the profile's deny rule did not hold");
        assertTrue(Files.exists(rootfs.resolve("out/allowed")), "the profile allows other writes");
    }

    @Test
    void execApparmorConfinesTheExecdProcess() throws Exception {
        Files.writeString(bundle.resolve("config.json"), TestBundle.config("exec sleep 60", null));
        runtime.create(id, CreateOptions.of(bundle));
        runtime.start(id);
        ExecOptions o = new ExecOptions(null, List.of("/bin/sh", "-c", "cat /proc/self/attr/current > /out/exec-label;"
                + " if echo x > /out/denied; then echo wrote > /out/result; else echo refused > /out/result; fi"),
                false, null, false, null, null, List.of(), null, List.of(), List.of(), false, profile, null, 0, List.of(), false);
        assertEquals(0, runtime.exec(id, o));
        assertEquals(profile + " (enforce)", Files.readString(rootfs.resolve("out/exec-label")).trim());
        assertEquals("refused", Files.readString(rootfs.resolve("out/result")).trim(), "the profile's deny rule did not hold");
    }

    @Test
    void anUnknownProfileFailsCreateNamingTheField() throws Exception {
        config("jrt-no-such-profile");
        OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> runtime.create(id, CreateOptions.of(bundle)));
        assertTrue(e.getMessage().contains("/process/apparmorProfile"), e.getMessage());
    }

    private static void sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }
}
