package dev.jrt.runtime.security;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.runtime.sys.InRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Resolves user and group names from the container's /etc/passwd and /etc/group, read as plain
 * text that the caller got safely from inside the container's root (never the host's NSS, never
 * the container's NSS modules). A malformed line is skipped, as glibc's files backend does.
 */
public final class ContainerUsers {
    /** uid, primary gid and supplementary gids of a user. */
    public record Resolved(long uid, long gid, List<Long> groups) {}

    private final String passwd;
    private final String group;

    private static final int MAX_FILE = 4 << 20;

    /** The container's /etc/passwd and /etc/group, read inside {@code root} (a directory or the init's /proc/PID/root). */
    public static ContainerUsers readFrom(String root) {
        return new ContainerUsers(text(root, "/etc/passwd"), text(root, "/etc/group"));
    }

    private static String text(String root, String path) {
        byte[] b = InRoot.readRegular(root, path, MAX_FILE);
        return b == null ? "" : new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** @param passwd the text of /etc/passwd ("" when absent) @param group the text of /etc/group */
    public ContainerUsers(String passwd, String group) {
        this.passwd = passwd == null ? "" : passwd;
        this.group = group == null ? "" : group;
    }

    /**
     * "name", "uid", "name:group", "uid:gid" as {@code exec --user} takes it. A numeric uid that
     * /etc/passwd lacks is allowed (gid 0 unless given), as in runc; an unknown name is an error.
     */
    public Resolved resolve(String spec) {
        String userPart = spec;
        String groupPart = null;
        int colon = spec.indexOf(':');
        if (colon >= 0) {
            userPart = spec.substring(0, colon);
            groupPart = spec.substring(colon + 1);
        }
        long uid;
        long gid = 0;
        String name = null;
        String[] entry = find(passwd, userPart, 7);
        if (entry != null) {
            uid = Long.parseLong(entry[2]);
            gid = Long.parseLong(entry[3]);
            name = entry[0];
        } else if (isId(userPart)) {
            uid = Long.parseLong(userPart);
        } else {
            throw new OciRuntimeException("user \"" + userPart + "\": no such user in the container's /etc/passwd");
        }
        if (groupPart != null) {
            String[] g = find(group, groupPart, 4);
            if (g != null) {
                gid = Long.parseLong(g[2]);
            } else if (isId(groupPart)) {
                gid = Long.parseLong(groupPart);
            } else {
                throw new OciRuntimeException("group \"" + groupPart + "\": no such group in the container's /etc/group");
            }
        }
        List<Long> groups = new ArrayList<>();
        if (name != null) {
            for (String line : group.split("\n")) {
                String[] g = fields(line, 4);
                if (g != null && !g[3].isEmpty() && List.of(g[3].split(",")).contains(name)) {
                    long id = Long.parseLong(g[2]);
                    if (id != gid && !groups.contains(id)) {
                        groups.add(id);
                    }
                }
            }
        }
        return new Resolved(uid, gid, groups);
    }

    /** The home directory of the first /etc/passwd entry with this uid; "/" without one (runc's default). */
    public String home(long uid) {
        for (String line : passwd.split("\n")) {
            String[] f = fields(line, 7);
            if (f != null && Long.parseLong(f[2]) == uid) {
                return f[5].isEmpty() ? "/" : f[5];
            }
        }
        return "/";
    }

    /**
     * The environment with HOME set from /etc/passwd when it has no HOME or an empty one, as runc
     * does for the process it starts; a HOME the environment gives is kept.
     */
    public List<String> withHome(List<String> env, long uid) {
        List<String> out = new ArrayList<>(env == null ? List.of() : env);
        if (hasHome(env)) {
            return out;
        }
        out.removeIf(e -> e.equals("HOME="));
        out.add("HOME=" + home(uid));
        return out;
    }

    /** Whether the environment gives a non-empty HOME (then {@link #withHome} needs no files). */
    public static boolean hasHome(List<String> env) {
        return env != null && env.stream().anyMatch(e -> e.startsWith("HOME=") && e.length() > 5);
    }

    /** The gid of a group name, if /etc/group has it. */
    public OptionalLong groupId(String name) {
        String[] g = find(group, name, 4);
        return g == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(g[2]));
    }

    /** The entry whose name (field 0) or, for a number, id (field 2) matches; names win. */
    private static String[] find(String file, String key, int minFields) {
        String[] byId = null;
        for (String line : file.split("\n")) {
            String[] f = fields(line, minFields);
            if (f == null) {
                continue;
            }
            if (f[0].equals(key)) {
                return f;
            }
            if (byId == null && isId(key) && f[2].equals(key)) {
                byId = f;
            }
        }
        return byId;
    }

    private static String[] fields(String line, int minFields) {
        if (line.isEmpty() || line.startsWith("#") || line.startsWith("+") || line.startsWith("-")) {
            return null;
        }
        String[] f = line.split(":", -1);
        if (f.length < minFields || !isId(f[2]) || (minFields == 7 && !isId(f[3]))) {
            return null;
        }
        return f;
    }

    private static boolean isId(String s) {
        return !s.isEmpty() && s.length() <= 10 && s.chars().allMatch(Character::isDigit)
                && Long.parseLong(s) <= 0xffffffffL;
    }
}
