package dev.jrt.runtime.process;

import dev.jrt.runtime.plan.ContainerPlan;
import dev.jrt.runtime.plan.Op;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Hand-written plans for integration tests, built the way the Planner will build them. */
final class Plans {
    static final long CLONE_NEWNS = 0x20000;
    static final long CLONE_NEWUTS = 0x04000000;
    static final long CLONE_NEWIPC = 0x08000000;
    static final long CLONE_NEWUSER = 0x10000000;
    static final long CLONE_NEWPID = 0x20000000;
    static final long CLONE_NEWNET = 0x40000000;
    static final long MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8;
    static final long MS_BIND = 4096, MS_REC = 16384, MS_PRIVATE = 1 << 18, MS_STRICTATIME = 1 << 24;
    static final int S_IFCHR = 0020000;
    /** Docker's default capabilities. */
    static final long DEFAULT_CAPS = bits(0, 1, 3, 4, 5, 6, 7, 8, 10, 13, 18, 27, 29, 31);

    final List<Op> ops = new ArrayList<>();
    final List<String> sources = new ArrayList<>();
    final List<Integer> fds = new ArrayList<>();

    static long bits(int... caps) {
        long m = 0;
        for (int c : caps) {
            m |= 1L << c;
        }
        return m;
    }

    Plans add(String source, Op op) {
        ops.add(op);
        sources.add(source);
        return this;
    }

    int slot(int fd) {
        fds.add(fd);
        return fds.size() - 1;
    }

    ContainerPlan build() {
        return new ContainerPlan(ops, sources, fds);
    }

    /** Namespaces and a root filesystem up to and including pivot_root and the hostname. */
    static Plans container(Path rootfs, Op.EnterNamespaces namespaces, boolean userns) {
        Plans p = new Plans();
        String root = rootfs.toString();
        p.add("/linux/namespaces", namespaces)
                .add("/linux/rootfsPropagation", new Op.SetPropagation("/", MS_REC | MS_PRIVATE))
                .add("/root/path", new Op.Mount(root, root, false, null, MS_BIND | MS_REC, null, Op.Create.NONE))
                .add("/mounts/0", new Op.Mount("proc", "/proc", true, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, null,
                        Op.Create.DIR))
                .add("/mounts/1", new Op.Mount("tmpfs", "/dev", true, "tmpfs", MS_NOSUID | MS_STRICTATIME,
                        "mode=755,size=65536k", Op.Create.DIR));
        String[][] devices = {{"null", "3"}, {"zero", "5"}, {"full", "7"}, {"random", "8"}, {"urandom", "9"}};
        for (String[] d : devices) {
            p.add("/linux/devices", userns
                    ? new Op.BindDevice("/dev/" + d[0], "/dev/" + d[0])
                    : new Op.Mknod("/dev/" + d[0], S_IFCHR | 0666, 1, Integer.parseInt(d[1]), 0, 0));
        }
        p.add("/linux/devices", new Op.Symlink("/proc/self/fd", "/dev/fd"))
                .add("/root/path", new Op.PivotRoot(root, false))
                .add("/linux/maskedPaths/0", new Op.MaskPath("/proc/timer_list"))
                .add("/linux/maskedPaths/1", new Op.MaskPath("/proc/acpi"))
                .add("/linux/readonlyPaths/0", new Op.ReadonlyPath("/proc/sys"))
                .add("/hostname", new Op.SetHostname("jrt-test"));
        return p;
    }

    static Op.EnterNamespaces newNamespaces() {
        return new Op.EnterNamespaces(List.of(), false,
                CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET, null);
    }

    /** Ready, wait for start, privileges, close fds, exec: the tail of a create plan. */
    Plans process(int fifoSlot, int uid, List<String> argv) {
        return add("/process/args", new Op.FindExecutable(argv.get(0), "/bin"))
                .add("", new Op.Ready())
                .add("", new Op.WaitStart(fifoSlot))
                .add("/process/user", new Op.SetUser(uid, uid, new int[0]))
                .add("/process/capabilities", new Op.Capabilities(DEFAULT_CAPS, DEFAULT_CAPS, DEFAULT_CAPS, 0, 0))
                .add("", new Op.CloseFds(3))
                .add("/process/args", new Op.Exec(argv, List.of("PATH=/bin", "HOME=/")));
    }
}
