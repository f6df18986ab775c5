package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Deviation;
import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.CliResult;
import dev.jrt.conformance.support.Container;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * config-linux.md "Offset for Time Namespace", "Network Devices" and its
 * "Namespace Lifecycle and Container Termination". Network devices are veth
 * pairs made on the host for the test (this host has no dummy driver) and
 * removed afterwards.
 */
@ConformanceTest
class NetDevicesAndTimeTest {

    private static final String RUNC_NETDEV = "runc 1.1 predates linux.netDevices (added in a later runc) and ignores it: the device stays on the host";

    private static String sh(String cmd) throws IOException {
        try {
            Process p = new ProcessBuilder("/bin/sh", "-c", cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(cmd + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static boolean hostHasLink(String name) {
        return Files.exists(Path.of("/sys/class/net", name));
    }

    /** A veth pair on the host with a permanent global IPv4 address on the first end; both removed on close. */
    private static String vethPair(Sandbox sb, String address) throws IOException {
        String name = "jc" + Long.toHexString(ThreadLocalRandom.current().nextLong(0x1000000L, 0xfffffffL));
        String peer = name + "p";
        try {
            sh("ip link add " + name + " type veth peer name " + peer);
        } catch (IOException e) {
            Assumptions.abort("cannot create a veth pair on this host (needs iproute2 and the veth driver): " + e.getMessage());
        }
        sb.onClose(() -> {
            try {
                sh("ip link del " + name + " 2>/dev/null || ip link del " + peer + " 2>/dev/null || true");
            } catch (IOException ignored) {
                // gone with the container's network namespace
            }
        });
        sh("ip addr add " + address + " dev " + name);
        return name;
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Network Devices",
            text = "netDevices: network devices that MUST be made available in the container (renamed to name); the runtime MUST preserve permanent global addresses and MUST set the device state to \"up\"")
    @Deviation(runtime = "runc", reason = RUNC_NETDEV)
    void aHostDeviceIsMovedRenamedAndUp(Sandbox sb) throws IOException {
        String dev = vethPair(sb, "10.213.7.1/24");
        var b = sb.bundle().shell("cat /sys/class/net/ctnet0/flags && ip -4 addr show dev ctnet0");
        b.linux().putObject("netDevices").putObject(dev).put("name", "ctnet0");
        CliResult r = sb.tryRun(b.build());
        assertTrue(r.ok(), "the container could not see ctnet0: " + r.describe());
        List<String> lines = r.stdout().lines().toList();
        long flags = Long.decode(lines.get(0).trim());
        assertEquals(1, flags & 1, "IFF_UP is not set on ctnet0: flags " + lines.get(0));
        assertTrue(r.stdout().contains("10.213.7.1/24"), "the address was not preserved:\n" + r.stdout());
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Network Devices",
            text = "If a network device with the specified name already exists in the container namespace, the runtime MUST generate an error")
    @Deviation(runtime = "runc", reason = RUNC_NETDEV)
    void aNameThatExistsInTheContainerIsAnError(Sandbox sb) throws IOException {
        String dev = vethPair(sb, "10.213.8.1/24");
        var b = sb.bundle().args("/probe", "exit", "0");
        b.linux().putObject("netDevices").putObject(dev).put("name", "lo");
        Container c = sb.tryCreate(b.build());
        assertFalse(c.createResult().ok(), "create succeeded although lo exists in the new network namespace");
        assertFalse(c.tryState().ok(), "a container was created");
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Namespace Lifecycle and Container Termination",
            text = "The runtime MUST NOT attempt to move the interface out of the namespace before deletion (a virtual device is destroyed with the namespace, not returned to the host)")
    @Deviation(runtime = "runc", reason = RUNC_NETDEV)
    void aMovedDeviceIsNotMovedBackOnDelete(Sandbox sb) throws IOException, InterruptedException {
        String dev = vethPair(sb, "10.213.9.1/24");
        var b = sb.bundle().args("/probe", "sleep", "100");
        b.linux().putObject("netDevices").putObject(dev).put("name", "ctnet0");
        Container c = sb.create(b.build());
        assertFalse(hostHasLink(dev), dev + " is still on the host after create");
        assertTrue(Files.exists(Path.of("/proc/" + c.pidFromFile() + "/root/sys/class/net/ctnet0"))
                        || sh("nsenter -t " + c.pidFromFile() + " -n ip link show ctnet0").contains("ctnet0"),
                "ctnet0 is not in the container's network namespace");
        c.kill("KILL");
        c.awaitStatus("stopped", Duration.ofSeconds(10));
        c.delete();
        // the namespace is freed asynchronously: the veth pair disappears, neither name reappears on the host
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (hostHasLink(dev + "p") && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertFalse(hostHasLink(dev), dev + " was moved back to the host");
        assertFalse(hostHasLink("ctnet0"), "ctnet0 was moved back to the host");
        assertFalse(hostHasLink(dev + "p"), "the veth pair survived the container's network namespace");
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Offset for Time Namespace",
            text = "timeOffsets sets the offset for the time namespace: secs and nanosecs of each clock (monotonic, boottime) in the container")
    @Deviation(runtime = "runc", reason = "runc 1.1 predates the time namespace and timeOffsets (runc 1.2): it refuses the namespace type \"time\"")
    void timeOffsetsAreApplied(Sandbox sb) {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/ns/time")), "the kernel has no time namespaces");
        var b = sb.bundle().namespace("time").args("/probe", "cat", "/proc/self/timens_offsets");
        var offsets = b.linux().putObject("timeOffsets");
        offsets.putObject("monotonic").put("secs", 864000).put("nanosecs", 0);
        offsets.putObject("boottime").put("secs", 172800).put("nanosecs", 500);
        CliResult r = sb.tryRun(b.build());
        assertTrue(r.ok(), r.describe());
        List<String> lines = r.stdout().lines().map(l -> l.trim().replaceAll("\\s+", " ")).toList();
        assertTrue(lines.contains("monotonic 864000 0"), "timens_offsets: " + lines);
        assertTrue(lines.contains("boottime 172800 500"), "timens_offsets: " + lines);
    }
}
