package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jrt.conformance.Deviation;
import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.CliResult;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** config-linux.md "Personality", config.md "Linux Process": scheduler, ioPriority, execCPUAffinity, LSM labels. */
@ConformanceTest
class ProcessSecurityTest {

    private static final String RUNC_11 = "runc 1.1 predates this field (runtime-spec 1.1/1.2) and ignores it";

    @Test
    @Requirement(file = "config-linux.md", heading = "Personality",
            text = "domain LINUX32 sets the execution domain: personality(0xffffffff) reports PER_LINUX32")
    @Deviation(runtime = "runc", reason = RUNC_11)
    void personalityLinux32IsSet(Sandbox sb) {
        var b = sb.bundle();
        b.linux().putObject("personality").put("domain", "LINUX32");
        assertEquals(8, sb.report(b.build()).json().path("personality").asLong());
        assertEquals(0, sb.report(sb.bundle().build()).json().path("personality").asLong(), "PER_LINUX by default");
    }

    @Test
    @Requirement(file = "config.md", heading = "Linux Process",
            text = "scheduler: the runtime sets the policy and nice value with sched_setattr (SCHED_BATCH, nice 7)")
    @Deviation(runtime = "runc", reason = RUNC_11)
    void schedulerPolicyAndNiceAreSet(Sandbox sb) {
        var b = sb.bundle().shell("cut -d' ' -f19 /proc/self/stat; /probe report");
        b.process().putObject("scheduler").put("policy", "SCHED_BATCH").put("nice", 7);
        CliResult r = sb.run(b.build());
        String out = r.stdout();
        assertEquals("7", out.lines().findFirst().orElse(""), "nice: " + out);
        assertEquals(3, ProbeReport.parse(out.substring(out.indexOf('{'))).json().path("schedulerPolicy").asLong());
    }

    @Test
    @Requirement(file = "config.md", heading = "Linux Process",
            text = "ioPriority: the process's I/O scheduling class and priority (IOPRIO_CLASS_BE, 6)")
    @Deviation(runtime = "runc", reason = RUNC_11)
    void ioPriorityIsSet(Sandbox sb) {
        var b = sb.bundle();
        b.process().putObject("ioPriority").put("class", "IOPRIO_CLASS_BE").put("priority", 6);
        JsonNode io = sb.report(b.build()).json().path("ioPriority");
        assertEquals(2, io.path("class").asLong(), io.toString());
        assertEquals(6, io.path("priority").asLong(), io.toString());
    }

    @Test
    @Requirement(file = "config.md", heading = "Linux Process",
            text = "execCPUAffinity is not applicable to the container's init process: its affinity is left alone")
    void execCpuAffinityDoesNotApplyToTheInit(Sandbox sb) {
        Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one CPU: nothing to tell apart");
        var b = sb.bundle();
        b.process().putObject("execCPUAffinity").put("initial", "0").put("final", "0");
        List<Long> cpus = new ArrayList<>();
        sb.report(b.build()).json().path("cpuAffinity").forEach(n -> cpus.add(n.asLong()));
        assertTrue(cpus.size() > 1, "affinity narrowed to " + cpus);
    }

    @Test
    @Requirement(file = "config.md", heading = "Linux Process",
            text = "apparmorProfile on a host without AppArmor: the profile cannot be applied, create fails and leaves nothing")
    void anAppArmorProfileWithoutAppArmorIsAnError(Sandbox sb) {
        Assumptions.assumeFalse(Files.isDirectory(Path.of("/sys/kernel/security/apparmor")), "this host has AppArmor");
        var b = sb.bundle();
        b.process().put("apparmorProfile", "docker-default");
        CliResult r = sb.tryRun(b.build());
        assertFalse(r.ok(), r.describe());
    }

    @Test
    @Requirement(file = "config.md", heading = "Linux Process",
            text = "selinuxLabel on a host without SELinux: the label cannot be applied, create fails")
    void anSelinuxLabelWithoutSelinuxIsAnError(Sandbox sb) {
        Assumptions.assumeFalse(Files.exists(Path.of("/sys/fs/selinux/enforce")), "this host has SELinux");
        var b = sb.bundle();
        b.process().put("selinuxLabel", "system_u:system_r:container_t:s0");
        assertFalse(sb.tryRun(b.build()).ok());
    }
}
