package dev.jrt.runtime.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jrt.runtime.api.ExecOptions;
import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.plan.Rlimits;
import dev.jrt.runtime.security.Capabilities;
import dev.jrt.runtime.security.ContainerUsers;
import dev.jrt.runtime.security.HostSecurity;
import dev.jrt.spec.json.BindException;
import dev.jrt.spec.json.TreeReader;
import dev.jrt.spec.model.LinuxCapabilities;
import dev.jrt.spec.model.ModelBinder;
import dev.jrt.spec.model.PosixRlimit;
import dev.jrt.spec.model.Process;
import dev.jrt.spec.model.User;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The process exec runs, as runc's getProcess makes it: the --process file as it is, or the
 * container's process with the command line's overrides (args, cwd, env appended, user, extra
 * gids, capabilities added to bounding, effective and permitted, tty, no-new-privs). A user or
 * group name is resolved in the container's own /etc/passwd and /etc/group, read as files; HOME
 * comes from /etc/passwd when the environment lacks it, as runc sets it.
 * Every refusal names the flag or field.
 */
final class ExecProcess {
    private ExecProcess() {}

    /** {@code users}: the container's /etc/passwd and /etc/group, read only if a name or HOME needs them. */
    static Process of(Process base, ExecOptions o, Supplier<ContainerUsers> read) {
        ContainerUsers[] once = new ContainerUsers[1];
        Supplier<ContainerUsers> users = () -> once[0] != null ? once[0] : (once[0] = read.get());
        Process p = o.processFile() != null ? fromFile(o) : fromFlags(base, o, users);
        validate(p, o.processFile() != null ? "--process " + o.processFile() + ": " : "");
        long uid = p.user() == null || p.user().uid() == null ? 0 : p.user().uid();
        return ContainerUsers.hasHome(p.env()) ? p : p.withEnv(users.get().withHome(p.env(), uid));
    }

    private static Process fromFile(ExecOptions o) {
        if (o.args() != null && !o.args().isEmpty()) {
            throw new OciRuntimeException("exec: give either --process or a command, not both");
        }
        JsonNode tree;
        try {
            tree = TreeReader.read(Files.readAllBytes(o.processFile()));
        } catch (IOException e) {
            throw new OciRuntimeException("--process " + o.processFile() + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (tree == null) {
            throw new OciRuntimeException("--process " + o.processFile() + ": is empty, want a JSON object");
        }
        try {
            return ModelBinder.process(tree);
        } catch (BindException e) {
            throw new OciRuntimeException("--process " + o.processFile() + ": " + (e.pointer().isEmpty() ? "" : e.pointer() + ": ") + e.getMessage(), e);
        }
    }

    private static Process fromFlags(Process base, ExecOptions o, Supplier<ContainerUsers> users) {
        if (o.args() == null || o.args().isEmpty()) {
            throw new OciRuntimeException("exec: no command given; pass a command after the container id, or --process FILE");
        }
        User u = base.user() == null ? new User(0L, 0L, null, null) : base.user();
        Long uid = u.uid();
        Long gid = u.gid();
        List<Long> gids = new ArrayList<>(u.additionalGids() == null ? List.of() : u.additionalGids());
        if (o.user() != null && !o.user().isEmpty()) {
            String[] parts = o.user().split(":", 2);
            if (isId(parts[0])) {
                uid = id("--user", o.user(), parts[0]);
            } else { // a name: its uid, primary gid and the groups listing it, from the container's files
                ContainerUsers.Resolved r = resolve(users, o.user(), parts[0]);
                uid = r.uid();
                gid = r.gid();
                r.groups().stream().filter(g -> !gids.contains(g)).forEach(gids::add);
            }
            if (parts.length > 1) {
                gid = isId(parts[1]) ? id("--user", o.user(), parts[1]) : users.get().groupId(parts[1]).orElseThrow(
                        () -> new OciRuntimeException("--user " + o.user() + ": no group \"" + parts[1]
                                + "\" in the container's /etc/group"));
            }
        }
        for (String g : o.additionalGids()) {
            gids.add(id("--additional-gids", g, g));
        }
        LinuxCapabilities caps = base.capabilities();
        if (!o.caps().isEmpty()) {
            caps = new LinuxCapabilities(plus(caps == null ? null : caps.bounding(), o.caps()),
                    plus(caps == null ? null : caps.effective(), o.caps()),
                    caps == null ? null : caps.inheritable(),
                    plus(caps == null ? null : caps.permitted(), o.caps()),
                    caps == null ? null : caps.ambient()); // not ambient: that needs inheritable (CVE-2022-29162)
        }
        List<String> env = new ArrayList<>(base.env() == null ? List.of() : base.env());
        env.addAll(o.env());
        return new Process(o.tty(), base.consoleSize(), new User(uid, gid, u.umask(), gids), o.args(), null, env,
                o.cwd() != null && !o.cwd().isEmpty() ? o.cwd() : base.cwd(), caps, base.rlimits(),
                o.noNewPrivs() || Boolean.TRUE.equals(base.noNewPrivileges()),
                o.apparmor() != null ? o.apparmor() : base.apparmorProfile(), base.oomScoreAdj(), base.scheduler(),
                o.processLabel() != null ? o.processLabel() : base.selinuxLabel(), base.ioPriority(),
                base.execCpuAffinity());
    }

    private static ContainerUsers.Resolved resolve(Supplier<ContainerUsers> users, String given, String name) {
        try {
            return users.get().resolve(name);
        } catch (OciRuntimeException e) {
            throw new OciRuntimeException("--user " + given + ": no user \"" + name + "\" in the container's /etc/passwd", e);
        }
    }

    private static boolean isId(String text) {
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }

    private static long id(String flag, String given, String text) {
        try {
            long v = Long.parseLong(text);
            if (v >= 0 && v <= 0xffffffffL) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new OciRuntimeException(flag + " " + given + ": \"" + text + "\" is not a numeric id (0 to 4294967295)");
    }

    private static List<String> plus(List<String> set, List<String> more) {
        List<String> out = new ArrayList<>(set == null ? List.of() : set);
        out.addAll(more);
        return out;
    }

    private static void validate(Process p, String where) {
        if (p.args() == null || p.args().isEmpty() || p.args().get(0).isEmpty()) {
            throw new OciRuntimeException((where.isEmpty() ? "exec: the command" : where + "/args")
                    + ": must name the program to run");
        }
        if (p.cwd() == null || !p.cwd().startsWith("/")) { // from flags, only --cwd can make it relative
            throw new OciRuntimeException((where.isEmpty() ? "--cwd" : where + "/cwd") + ": \"" + p.cwd()
                    + "\" must be an absolute path");
        }
        if (p.capabilities() != null) {
            LinuxCapabilities c = p.capabilities();
            for (List<String> set : List.of(nn(c.bounding()), nn(c.effective()), nn(c.inheritable()),
                    nn(c.permitted()), nn(c.ambient()))) {
                for (String name : set) {
                    if (Capabilities.number(name) < 0) {
                        throw new OciRuntimeException((where.isEmpty() ? "--cap: " : where + "/capabilities: ")
                                + "unknown capability \"" + name + "\"; allowed: CAP_CHOWN ... CAP_CHECKPOINT_RESTORE");
                    }
                }
            }
        }
        if (p.rlimits() != null) {
            for (PosixRlimit r : p.rlimits()) {
                if (Rlimits.number(r.type()) < 0) {
                    throw new OciRuntimeException(where + "/rlimits: unknown type \"" + r.type() + "\"; allowed: "
                            + String.join(", ", Rlimits.NAMES));
                }
            }
        }
        if (p.apparmorProfile() != null && !p.apparmorProfile().isEmpty() && !HostSecurity.apparmorEnabled()) {
            throw new OciRuntimeException((where.isEmpty() ? "--apparmor: " : where + "/apparmorProfile: ")
                    + "AppArmor is not enabled on this host");
        }
        if (p.selinuxLabel() != null && !p.selinuxLabel().isEmpty()) {
            throw new OciRuntimeException((where.isEmpty() ? "--process-label: " : where + "/selinuxLabel: ")
                    + "SELinux labels are not supported by this build of jrt");
        }
    }

    private static List<String> nn(List<String> l) {
        return l == null ? List.of() : l;
    }
}
