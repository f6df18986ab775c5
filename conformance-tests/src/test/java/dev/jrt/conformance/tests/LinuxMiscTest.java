package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrt.conformance.Deviation;
import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.BundleBuilder;
import dev.jrt.conformance.support.CliResult;
import dev.jrt.conformance.support.Container;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.MountInfo;
import dev.jrt.conformance.support.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * config-linux.md "Memory policy", "The Container Process State" (seccomp
 * listener), "Rootfs Mount Propagation", "Mount Label", "Personality".
 */
@ConformanceTest
class LinuxMiscTest {

    private static final String RUNC_11 = "runc 1.1 predates this field (added in a later runtime-spec and runc) and ignores it";

    // ---- Memory policy

    @Test
    @Requirement(file = "config-linux.md", heading = "Memory policy",
            text = "memoryPolicy sets the NUMA memory policy for the container (set_mempolicy(2)): mode MPOL_BIND, nodes \"0\"")
    @Deviation(runtime = "runc", reason = RUNC_11)
    void memoryPolicyIsSet(Sandbox sb) {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/numa_maps")), "the kernel has no NUMA support (/proc/self/numa_maps is missing)");
        var b = sb.bundle().args("/probe", "cat", "/proc/self/numa_maps");
        b.linux().putObject("memoryPolicy").put("mode", "MPOL_BIND").put("nodes", "0");
        CliResult r = sb.run(b.build());
        String first = r.stdout().lines().findFirst().orElse("");
        assertTrue(first.contains(" bind:0 "), "the process's policy is not bind:0: " + first);
        String plain = sb.run(sb.bundle().args("/probe", "cat", "/proc/self/numa_maps").build()).stdout().lines().findFirst().orElse("");
        assertTrue(plain.contains(" default "), "without memoryPolicy the policy is not default: " + plain);
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Memory policy",
            text = "Some modes require that there are no nodes, e.g. MPOL_DEFAULT: a policy set_mempolicy(2) refuses cannot be applied and MUST generate an error (runtime.md Create)")
    @Deviation(runtime = "runc", reason = RUNC_11)
    void anInvalidMemoryPolicyIsAnError(Sandbox sb) {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/numa_maps")), "the kernel has no NUMA support (/proc/self/numa_maps is missing)");
        var b = sb.bundle().args("/probe", "exit", "0");
        b.linux().putObject("memoryPolicy").put("mode", "MPOL_DEFAULT").put("nodes", "0");
        Container c = sb.tryCreate(b.build());
        assertFalse(c.createResult().ok(), "create succeeded with MPOL_DEFAULT and a node list");
    }

    // ---- The Container Process State

    @Test
    @Requirement(file = "config-linux.md", heading = "The Container Process State",
            text = "The container runtime MUST send the container process state over the UNIX socket as regular payload serialized in JSON (ociVersion, fds naming seccompFd, pid, metadata, state)")
    void theSeccompListenerReceivesTheProcessState(Sandbox sb) throws Exception {
        Path sock = sb.dir().resolve("listener.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(sock));
        sb.onClose(() -> {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing
            }
        });
        CompletableFuture<String> payload = CompletableFuture.supplyAsync(() -> {
            try (SocketChannel conn = server.accept()) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                ByteBuffer buf = ByteBuffer.allocate(65536);
                while (conn.read(buf) > 0) {
                    all.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                return all.toString();
            } catch (IOException e) {
                return "error: " + e;
            }
        });
        var b = sb.bundle().args("/probe", "sleep", "100");
        ObjectNode sc = b.linux().putObject("seccomp");
        sc.put("defaultAction", "SCMP_ACT_ALLOW").put("listenerPath", sock.toString()).put("listenerMetadata", "conformance-metadata");
        sc.putArray("syscalls").addObject().put("action", "SCMP_ACT_NOTIFY").putArray("names").add("mkdir");
        Container c = sb.create(b.build());
        String text = payload.get(10, TimeUnit.SECONDS);
        JsonNode st = BundleBuilder.json().readTree(text);
        long pid = c.pidFromFile();
        assertTrue(st.path("ociVersion").isTextual(), "ociVersion: " + text);
        assertEquals("[\"seccompFd\"]", st.path("fds").toString(), "fds: " + text);
        assertEquals(pid, st.path("pid").asLong(), "pid: " + text);
        assertEquals("conformance-metadata", st.path("metadata").asText(), "metadata: " + text);
        JsonNode state = st.path("state");
        assertEquals(c.id(), state.path("id").asText(), "state.id: " + text);
        assertEquals(c.bundle().dir().toString(), state.path("bundle").asText(), "state.bundle: " + text);
        assertTrue(List.of("creating", "created").contains(state.path("status").asText()), "state.status: " + text);
    }

    // ---- Rootfs Mount Propagation

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"shared", "unbindable"})
    @Requirement(file = "config-linux.md", heading = "Rootfs Mount Propagation",
            text = "rootfsPropagation sets the rootfs's mount propagation: shared (the rootfs mount belongs to a new peer group) or unbindable")
    @Deviation(runtime = "runc", reason = "runc 1.1 applies rootfsPropagation to / before it bind-mounts the rootfs: with shared the root ends up private, with unbindable the bind mount of the rootfs fails (EINVAL)")
    void rootfsPropagationIsSet(String propagation, Sandbox sb) {
        var b = sb.bundle();
        b.linux().put("rootfsPropagation", propagation);
        MountInfo root = sb.report(b.build()).mountAt("/").orElseThrow(() -> new AssertionError("no mount at /"));
        assertEquals(propagation, root.propagation(), "root mount: " + root);
    }

    private static void sh(String cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-c", cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, cmd + ": " + out);
    }

    /**
     * Makes the bundle's rootfs a shared mount on the host, creates the
     * container, then mounts a tmpfs at rootfs/hostmnt on the host: reports
     * whether the container's mount table got it.
     */
    private static String lastRoot = "";

    private static boolean hostMountPropagatesIn(Sandbox sb, String propagation) throws Exception {
        var b = sb.bundle().args("/probe", "sleep", "100");
        b.linux().put("rootfsPropagation", propagation);
        Path rootfs = b.rootfs();
        Files.createDirectories(rootfs.resolve("hostmnt"));
        sh("mount --bind '" + rootfs + "' '" + rootfs + "' && mount --make-shared '" + rootfs + "'");
        sb.onClose(() -> {
            try {
                sh("umount -R -l '" + rootfs + "' || true");
            } catch (Exception ignored) {
                // best effort
            }
        });
        Container c = sb.create(b.build());
        sh("mount -t tmpfs -o size=1m conformance-host '" + rootfs.resolve("hostmnt") + "'");
        Thread.sleep(100);
        String mounts = Files.readString(Path.of("/proc/" + c.pidFromFile() + "/mountinfo"));
        lastRoot = mounts.lines().map(MountInfo::parse).filter(m -> m.mountPoint().equals("/")).reduce((x, y) -> y).map(Object::toString).orElse("none");
        return mounts.lines().map(MountInfo::parse).anyMatch(m -> m.mountPoint().equals("/hostmnt"));
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Rootfs Mount Propagation",
            text = "slave: the rootfs mount receives propagation events from the host (if something is mounted on the host it will also appear in the container)")
    @Deviation(runtime = "runc", reason = "runc 1.1 leaves the container's root mount private with rootfsPropagation slave (no master: tag): host mounts do not propagate in")
    void slaveReceivesHostMounts(Sandbox sb) throws Exception {
        assertTrue(hostMountPropagatesIn(sb, "slave"), "a mount made on the host under the shared rootfs did not appear in the container; root mount: " + lastRoot);
    }

    @Test
    @Requirement(file = "config-linux.md", heading = "Rootfs Mount Propagation",
            text = "private: the rootfs mount doesn't receive mount propagation events from the host")
    void privateReceivesNoHostMounts(Sandbox sb) throws Exception {
        assertFalse(hostMountPropagatesIn(sb, "private"), "a mount made on the host under the shared rootfs appeared in the container; root mount: " + lastRoot);
    }

    // ---- Mount Label

    @Test
    @Requirement(file = "config-linux.md", heading = "Mount Label",
            text = "mountLabel will set the SELinux context for the mounts in the container")
    void mountLabelIsSetOnMounts(Sandbox sb) throws IOException {
        Assumptions.assumeTrue(Files.exists(Path.of("/sys/fs/selinux/enforce")), "SELinux is not enabled on this host (no /sys/fs/selinux)");
        String label = "system_u:object_r:container_file_t:s0:c715,c811";
        var b = sb.bundle().mount("/scratch", "tmpfs", "tmpfs", "size=1m");
        b.linux().put("mountLabel", label);
        b.shell("ls -Zd /scratch");
        String out = sb.run(b.build()).stdout();
        assertTrue(out.contains(label), "the tmpfs at /scratch does not carry " + label + ": " + out);
    }

    // ---- Personality

    @Test
    @Requirement(file = "config-linux.md", heading = "Personality",
            text = "LINUX32 will set the uname system call to show a 32 bit CPU type, such as i686")
    @Deviation(runtime = "runc", reason = RUNC_11)
    void linux32ShowsA32BitMachine(Sandbox sb) throws IOException {
        String hostMachine = new String(new ProcessBuilder("uname", "-m").start().getInputStream().readAllBytes()).trim();
        Assumptions.assumeTrue(List.of("x86_64", "aarch64", "ppc64le", "s390x").contains(hostMachine), "no 32-bit personality for " + hostMachine);
        var b = sb.bundle().args("/bin/uname", "-m");
        b.linux().putObject("personality").put("domain", "LINUX32");
        String m = sb.run(b.build()).stdout().trim();
        assertTrue(List.of("i686", "i386", "armv7l", "armv8l", "ppc", "s390").contains(m), "uname -m under LINUX32: " + m);
        assertEquals(hostMachine, sb.run(sb.bundle().args("/bin/uname", "-m").build()).stdout().trim(), "without personality");
    }
}
