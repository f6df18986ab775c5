package dev.jrt.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.api.CreateOptions;
import dev.jrt.runtime.api.RuntimeOptions;
import dev.jrt.runtime.log.LogSink;
import dev.jrt.runtime.testsupport.TestBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where pivot_root cannot work, jrt falls back to MS_MOVE plus chroot (root only, a real
 * container). jrt-init is started here by a wrapper that puts it where a caller booted from an
 * initramfs is: in its own mount namespace whose root is the kernel's initial rootfs (the
 * namespace's root mount, which has no parent: pivot_root fails with EINVAL). The wrapper detaches
 * the host's / in that namespace, enters it again (which makes the namespace's root the process's
 * root) and moves a clone of /dev (with /dev/shm, where the bundle and a copy of jrt-init are) and
 * of /proc and /sys onto the rootfs's existing directories: nothing is written to the rootfs.
 */
class PivotFallbackIT {
    private static final String WRAPPER = """
            import ctypes, os, sys
            libc = ctypes.CDLL(None, use_errno=True)
            def chk(r, what):
                if r < 0:
                    e = ctypes.get_errno()
                    raise OSError(e, what + ": " + os.strerror(e))
                return r
            chk(libc.unshare(0x20000), "unshare")
            chk(libc.mount(None, b"/", None, 0x40000 | 0x4000, None), "make / rprivate")
            trees = {d: chk(libc.syscall(428, -100, d.encode(), 1 | 0x8000 | 0o2000000), "open_tree " + d)
                     for d in ["/dev", "/proc", "/sys"]}
            ns = os.open("/proc/self/ns/mnt", os.O_RDONLY)
            chk(libc.umount2(b"/", 2), "detach /")
            chk(libc.setns(ns, 0x20000), "setns")
            for d, fd in trees.items():
                chk(libc.syscall(429, fd, b"", -100, d.encode(), 4), "move_mount " + d)
            first = open("/proc/self/mountinfo").readline().split()
            if first[4] != "/" or first[0] != first[1]:
                sys.exit("the root is not a parentless mount: " + " ".join(first))
            os.execv(INIT, sys.argv)
            """;

    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        TestBundle.assumeRootIntegration();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "the wrapper needs python3");
        dir = Files.createDirectories(Path.of("/dev/shm/jrt-pivot-" + ProcessHandle.current().pid()));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (dir != null) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void aRootfsRootFallsBackToMoveAndChroot() throws Exception {
        Path bundle = dir.resolve("bundle");
        Path rootfs = TestBundle.create(bundle);
        Files.writeString(rootfs.resolve("etc/marker"), "container root\n");
        Files.writeString(bundle.resolve("config.json"), TestBundle.config(
                "cat /etc/marker > /out/result; if [ -e /dev/shm/" + dir.getFileName() + " ]; then echo host > /out/result; fi", null));
        Path init = dir.resolve("jrt-init");
        Files.copy(Path.of(System.getProperty("jrt.init")), init, StandardCopyOption.COPY_ATTRIBUTES);
        Path wrapper = dir.resolve("wrapper");
        Files.writeString(wrapper, "#!/usr/bin/python3\nINIT = '" + init + "'\n" + WRAPPER);
        wrapper.toFile().setExecutable(true);
        LinuxRuntime runtime = new LinuxRuntime(new RuntimeOptions(dir.resolve("state"), wrapper, LogSink.NONE, false));
        ContainerId id = ContainerId.of("pivot-" + ProcessHandle.current().pid());
        try {
            assertEquals(0, runtime.run(id, CreateOptions.of(bundle), false));
            assertEquals("container root", Files.readString(rootfs.resolve("out/result")).trim(),
                    "the container's / is its rootfs and nothing of the host");
        } finally {
            runtime.delete(id, true);
        }
    }
}
