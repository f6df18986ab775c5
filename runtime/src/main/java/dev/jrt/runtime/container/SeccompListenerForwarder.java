package dev.jrt.runtime.container;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrt.runtime.Version;
import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.sys.Fd;
import dev.jrt.runtime.sys.SyscallException;
import dev.jrt.runtime.sys.UnixStreamMessage;
import dev.jrt.spec.json.Json;
import dev.jrt.spec.model.LinuxSeccomp;
import dev.jrt.spec.model.Spec;
import dev.jrt.spec.state.OciState;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Hands a seccomp notify fd to {@code linux.seccomp.listenerPath}, as runc does: one new
 * connection per fd, the container process state (config-linux.md "The Container Process
 * State") as the data, the fd in SCM_RIGHTS named {@code seccompFd}, then the connection is
 * closed. For create the state is "creating" and the process is the init; for exec it is
 * "running" and the process is the exec'd one.
 */
final class SeccompListenerForwarder {
    private final Spec spec;
    private final String id;
    private final String bundle;

    SeccompListenerForwarder(Spec spec, String id, String bundle) {
        this.spec = spec;
        this.id = id;
        this.bundle = bundle;
    }

    /** The JSON sent with the fd. */
    byte[] processState(int processPid, String status, int initPid) {
        LinuxSeccomp seccomp = spec.linux().seccomp();
        Map<String, String> annotations = spec.annotations() == null ? Map.of() : spec.annotations();
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("ociVersion", Version.OCI_SPEC);
        root.putArray("fds").add("seccompFd");
        root.put("pid", processPid);
        if (seccomp.listenerMetadata() != null && !seccomp.listenerMetadata().isEmpty()) {
            root.put("metadata", seccomp.listenerMetadata());
        }
        root.set("state", Json.mapper().valueToTree(new OciState(spec.ociVersion(), id, status, initPid, bundle,
                annotations)));
        return Json.compact(root).getBytes(StandardCharsets.UTF_8);
    }

    void forward(Fd notifyFd, int processPid, String status, int initPid) {
        String path = spec.linux().seccomp().listenerPath();
        if (processPid <= 0 || initPid <= 0) {
            throw new OciRuntimeException("config.json: /linux/seccomp/listenerPath: the notify fd came before the"
                    + " process's pid was known");
        }
        try {
            UnixStreamMessage.send(path, processState(processPid, status, initPid), new int[] {notifyFd.get()});
        } catch (SyscallException e) {
            throw new OciRuntimeException("config.json: /linux/seccomp/listenerPath: send the seccomp notify fd to "
                    + path + ": " + e.getMessage(), e);
        }
    }
}
