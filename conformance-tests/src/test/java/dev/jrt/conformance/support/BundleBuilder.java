package dev.jrt.conformance.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.List;

/**
 * Builds a bundle: a copy of the template rootfs plus a config.json written
 * from a Jackson tree. The base config (like crun's tests base_config()) runs
 * {@code /probe report} as root in new pid, network, ipc, uts and mount
 * namespaces with the usual /proc, /dev, /dev/pts, /dev/shm, /dev/mqueue and
 * /sys mounts and a small capability set. ociVersion is 1.0.2 so that runc 1.1
 * and crun 1.8 accept it.
 */
public final class BundleBuilder {

    public static final String OCI_VERSION = "1.0.2";
    public static final List<String> DEFAULT_CAPS = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final ObjectNode config;

    BundleBuilder(Path dir) {
        this.dir = dir;
        this.config = baseConfig();
    }

    public static ObjectNode baseConfig() {
        ObjectNode c = JSON.createObjectNode();
        c.put("ociVersion", OCI_VERSION);
        ObjectNode p = c.putObject("process");
        p.put("terminal", false);
        p.putObject("user").put("uid", 0).put("gid", 0);
        p.putArray("args").add("/probe").add("report");
        p.putArray("env").add("PATH=/usr/sbin:/usr/bin:/sbin:/bin").add("TERM=xterm");
        p.put("cwd", "/");
        ObjectNode caps = p.putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            ArrayNode a = caps.putArray(set);
            DEFAULT_CAPS.forEach(a::add);
        }
        c.putObject("root").put("path", "rootfs").put("readonly", false);
        c.put("hostname", "conformance");
        ArrayNode m = c.putArray("mounts");
        addMount(m, "/proc", "proc", "proc");
        addMount(m, "/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k");
        addMount(m, "/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620");
        addMount(m, "/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=65536k");
        addMount(m, "/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev");
        addMount(m, "/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro");
        ObjectNode linux = c.putObject("linux");
        ArrayNode ns = linux.putArray("namespaces");
        for (String t : List.of("pid", "network", "ipc", "uts", "mount")) {
            ns.addObject().put("type", t);
        }
        return c;
    }

    private static void addMount(ArrayNode mounts, String dest, String type, String source, String... options) {
        ObjectNode o = mounts.addObject().put("destination", dest).put("type", type).put("source", source);
        if (options.length > 0) {
            ArrayNode a = o.putArray("options");
            for (String s : options) {
                a.add(s);
            }
        }
    }

    /** The config tree, for anything without a helper. */
    public ObjectNode config() {
        return config;
    }

    public ObjectNode process() {
        return (ObjectNode) config.get("process");
    }

    public ObjectNode linux() {
        return config.withObjectProperty("linux");
    }

    public Path dir() {
        return dir;
    }

    public Path rootfs() {
        return dir.resolve("rootfs");
    }

    public BundleBuilder args(String... args) {
        ArrayNode a = process().putArray("args");
        for (String s : args) {
            a.add(s);
        }
        return this;
    }

    /** {@code /bin/sh -c script}. */
    public BundleBuilder shell(String script) {
        return args("/bin/sh", "-c", script);
    }

    public BundleBuilder env(String... env) {
        ArrayNode a = process().putArray("env");
        for (String s : env) {
            a.add(s);
        }
        return this;
    }

    public BundleBuilder cwd(String cwd) {
        process().put("cwd", cwd);
        return this;
    }

    public BundleBuilder user(int uid, int gid, Integer... additionalGids) {
        ObjectNode u = process().putObject("user").put("uid", uid).put("gid", gid);
        if (additionalGids.length > 0) {
            ArrayNode a = u.putArray("additionalGids");
            for (Integer g : additionalGids) {
                a.add(g);
            }
        }
        return this;
    }

    public BundleBuilder umask(int umask) {
        process().withObjectProperty("user").put("umask", umask);
        return this;
    }

    public BundleBuilder terminal(boolean t) {
        process().put("terminal", t);
        return this;
    }

    public BundleBuilder noNewPrivileges(boolean b) {
        process().put("noNewPrivileges", b);
        return this;
    }

    public BundleBuilder oomScoreAdj(int v) {
        process().put("oomScoreAdj", v);
        return this;
    }

    /** Sets one capability set (bounding, effective, permitted, inheritable, ambient). */
    public BundleBuilder capabilitySet(String set, String... caps) {
        ArrayNode a = process().withObjectProperty("capabilities").putArray(set);
        for (String s : caps) {
            a.add(s);
        }
        return this;
    }

    /** Sets bounding, effective and permitted to the same list (and clears inheritable and ambient). */
    public BundleBuilder capabilities(String... caps) {
        ObjectNode c = process().putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            ArrayNode a = c.putArray(set);
            for (String s : caps) {
                a.add(s);
            }
        }
        return this;
    }

    public BundleBuilder rlimit(String type, long soft, long hard) {
        process().withArrayProperty("rlimits").addObject().put("type", type).put("soft", soft).put("hard", hard);
        return this;
    }

    public BundleBuilder hostname(String h) {
        config.put("hostname", h);
        return this;
    }

    public BundleBuilder noHostname() {
        config.remove("hostname");
        return this;
    }

    public BundleBuilder domainname(String d) {
        config.put("domainname", d);
        return this;
    }

    public BundleBuilder rootReadonly(boolean ro) {
        config.withObjectProperty("root").put("readonly", ro);
        return this;
    }

    public BundleBuilder rootPath(String path) {
        config.withObjectProperty("root").put("path", path);
        return this;
    }

    public BundleBuilder annotation(String k, String v) {
        config.withObjectProperty("annotations").put(k, v);
        return this;
    }

    /** Adds a namespace of this type (no path: a new one). */
    public BundleBuilder namespace(String type) {
        withoutNamespace(type);
        linux().withArrayProperty("namespaces").addObject().put("type", type);
        return this;
    }

    /** Joins the namespace at {@code path}. */
    public BundleBuilder namespace(String type, String path) {
        withoutNamespace(type);
        linux().withArrayProperty("namespaces").addObject().put("type", type).put("path", path);
        return this;
    }

    /** Removes a namespace type: the container inherits the runtime's. */
    public BundleBuilder withoutNamespace(String type) {
        Iterator<JsonNode> it = linux().withArrayProperty("namespaces").elements();
        while (it.hasNext()) {
            if (type.equals(it.next().path("type").asText())) {
                it.remove();
            }
        }
        return this;
    }

    public BundleBuilder mount(String destination, String type, String source, String... options) {
        addMount(config.withArrayProperty("mounts"), destination, type, source, options);
        return this;
    }

    /** A bind mount (type "bind", options "bind" or "rbind" must be given by the caller if wanted). */
    public BundleBuilder bind(Path hostSource, String destination, String... options) {
        return mount(destination, "bind", hostSource.toString(), options);
    }

    public BundleBuilder withoutMount(String destination) {
        Iterator<JsonNode> it = config.withArrayProperty("mounts").elements();
        while (it.hasNext()) {
            if (destination.equals(it.next().path("destination").asText())) {
                it.remove();
            }
        }
        return this;
    }

    public BundleBuilder maskedPaths(String... paths) {
        ArrayNode a = linux().putArray("maskedPaths");
        for (String s : paths) {
            a.add(s);
        }
        return this;
    }

    public BundleBuilder readonlyPaths(String... paths) {
        ArrayNode a = linux().putArray("readonlyPaths");
        for (String s : paths) {
            a.add(s);
        }
        return this;
    }

    public BundleBuilder sysctl(String key, String value) {
        linux().withObjectProperty("sysctl").put(key, value);
        return this;
    }

    public BundleBuilder cgroupsPath(String path) {
        linux().put("cgroupsPath", path);
        return this;
    }

    public ObjectNode resources() {
        return linux().withObjectProperty("resources");
    }

    /** Adds a hook to a phase (prestart, createRuntime, createContainer, startContainer, poststart, poststop). */
    public ObjectNode hook(String phase, String path, String... args) {
        ObjectNode h = config.withObjectProperty("hooks").withArray(phase).addObject().put("path", path);
        if (args.length > 0) {
            ArrayNode a = h.putArray("args");
            for (String s : args) {
                a.add(s);
            }
        }
        return h;
    }

    /** Writes a file into the rootfs (path relative to the rootfs root, e.g. "etc/x"). */
    public BundleBuilder rootfsFile(String path, String content, String perms) {
        try {
            Path f = rootfs().resolve(path);
            Files.createDirectories(f.getParent());
            Files.writeString(f, content);
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Bundle build() {
        try {
            Files.writeString(dir.resolve("config.json"), JSON.writeValueAsString(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Bundle(dir, rootfs());
    }

    public static ObjectMapper json() {
        return JSON;
    }
}
