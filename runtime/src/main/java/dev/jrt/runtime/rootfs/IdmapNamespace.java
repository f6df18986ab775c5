package dev.jrt.runtime.rootfs;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.plan.ContainerPlan;
import dev.jrt.runtime.plan.Op;
import dev.jrt.runtime.process.IdMapWriter;
import dev.jrt.runtime.process.IdMapping;
import dev.jrt.runtime.process.InitLauncher;
import dev.jrt.runtime.process.InitListener;
import dev.jrt.runtime.sys.Fd;
import dev.jrt.runtime.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A user namespace that carries given id mappings and nothing else, as a descriptor: what
 * mount_setattr(MOUNT_ATTR_IDMAP) takes. The JVM cannot unshare a user namespace (it is
 * multithreaded), so jrt-init's stage 0 makes one; once the maps are written the namespace is
 * opened through /proc and stage 0 is stopped. The namespace lives as long as the descriptor.
 */
final class IdmapNamespace {
    private IdmapNamespace() {}

    /** Thrown by the listener to end the helper once the namespace is open. */
    private static final class Captured extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Fd userns;

        Captured(Fd userns) {
            super("user namespace captured");
            this.userns = userns;
        }
    }

    static Fd create(Path jrtInit, List<IdMapping> uids, List<IdMapping> gids, String field) {
        ContainerPlan plan = new ContainerPlan(
                List.of(new Op.EnterNamespaces(List.of(), true, 0, null), new Op.Ready()),
                List.of(field, field), List.of());
        InitListener listener = new InitListener() {
            @Override
            public void onUserNamespace(int pid) throws IOException {
                IdMapWriter.write(pid, uids, gids, true);
                throw new Captured(Syscalls.open("/proc/" + pid + "/ns/user", Syscalls.O_RDONLY, 0));
            }
        };
        try {
            InitLauncher.launch(jrtInit, plan, 0, listener);
        } catch (Captured c) {
            return c.userns;
        } catch (Exception e) {
            throw new OciRuntimeException("config.json: " + field + ": make a user namespace for the id-mapped mount: "
                    + e.getMessage(), e);
        }
        throw new OciRuntimeException("config.json: " + field + ": the user namespace helper did not stop");
    }
}
