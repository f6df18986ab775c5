package dev.jrt.spec.validate;

import dev.jrt.spec.model.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Only namespaced sysctls may be set, and only when the container has the namespace that
 * scopes them, else the write would change the host. The rules are runc's: IPC sysctls need
 * an IPC namespace, {@code net.*} a network namespace, {@code kernel.domainname} a UTS
 * namespace, and {@code kernel.hostname} is refused in favour of the {@code hostname} field.
 * Keys may use {@code /} as separator, as sysctl(8) allows.
 *
 * <p>runc also refuses {@code net.*} when the network namespace path is the host's own; that
 * needs a stat(2), so it is left to the runtime.
 */
final class SysctlCheck implements Check {

    private static final Set<String> IPC_SYSCTLS = Set.of(
            "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
            "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced");

    static final String ALLOWED = "(allowed: fs.mqueue.*, kernel.domainname, kernel.msgmax, kernel.msgmnb,"
            + " kernel.msgmni, kernel.sem, kernel.shm_rmid_forced, kernel.shmall, kernel.shmmax, kernel.shmmni,"
            + " net.*)";

    @Override
    public List<Problem> check(Spec spec) {
        if (spec.linux() == null || spec.linux().sysctl() == null) {
            return List.of();
        }
        Namespaces namespaces = Namespaces.of(spec);
        List<Problem> problems = new ArrayList<>();
        for (String key : spec.linux().sysctl().keySet()) {
            String message = problemWith(dotted(key), namespaces);
            if (message != null) {
                problems.add(new Problem(Pointer.of("linux", "sysctl", key), message));
            }
        }
        return problems;
    }

    private static String problemWith(String name, Namespaces namespaces) {
        if (IPC_SYSCTLS.contains(name) || name.startsWith("fs.mqueue.")) {
            return namespaces.has("ipc") ? null : Messages.needsNamespace("ipc");
        }
        if (name.startsWith("net.")) {
            return namespaces.has("network") ? null : Messages.needsNamespace("network");
        }
        if (name.equals("kernel.domainname")) {
            return namespaces.has("uts") ? null : Messages.needsNamespace("uts");
        }
        if (name.equals("kernel.hostname")) {
            return "conflicts with /hostname: set the hostname there";
        }
        return "not namespaced, a container may not set it " + ALLOWED;
    }

    /** {@code net/ipv4/conf/eth0.100/forwarding} to {@code net.ipv4.conf.eth0/100.forwarding}, as sysctl(8) reads it. */
    static String dotted(String key) {
        int firstSeparator = -1;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.' || c == '/') {
                firstSeparator = i;
                break;
            }
        }
        if (firstSeparator < 0 || key.charAt(firstSeparator) == '.') {
            return key;
        }
        StringBuilder dotted = new StringBuilder(key.length());
        for (char c : key.toCharArray()) {
            dotted.append(c == '/' ? '.' : c == '.' ? '/' : c);
        }
        return dotted.toString();
    }
}
