package dev.jrt.conformance.support;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The JSON printed by {@code probe report} (or by one probe action), parsed. */
public final class ProbeReport {

    private final JsonNode json;

    private ProbeReport(JsonNode json) {
        this.json = json;
    }

    /** Parses the last JSON line of the output (a runtime may print warnings before it). */
    public static ProbeReport parse(String stdout) {
        String line = stdout.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("");
        try {
            return new ProbeReport(BundleBuilder.json().readTree(line));
        } catch (IOException e) {
            return fail("probe output is not JSON:\n" + stdout, e);
        }
    }

    public JsonNode json() {
        return json;
    }

    public long pid() {
        return json.path("pid").asLong();
    }

    public long ppid() {
        return json.path("ppid").asLong();
    }

    public long uid() {
        return json.path("uid").asLong();
    }

    public long gid() {
        return json.path("gid").asLong();
    }

    public List<Long> groups() {
        List<Long> g = new ArrayList<>();
        json.path("groups").forEach(n -> g.add(n.asLong()));
        return g;
    }

    public String umask() {
        return json.path("umask").asText();
    }

    /** A capability set as a bit mask; set is CapInh, CapPrm, CapEff, CapBnd or CapAmb. */
    public long capabilities(String set) {
        return Long.parseUnsignedLong(json.path("capabilities").path(set).asText(), 16);
    }

    public long noNewPrivs() {
        return json.path("NoNewPrivs").asLong();
    }

    public long seccompMode() {
        return json.path("Seccomp").asLong();
    }

    public long seccompFilters() {
        return json.path("Seccomp_filters").asLong();
    }

    public BigInteger rlimitSoft(String type) {
        return json.path("rlimits").path(type).path("soft").bigIntegerValue();
    }

    public BigInteger rlimitHard(String type) {
        return json.path("rlimits").path(type).path("hard").bigIntegerValue();
    }

    /** e.g. "net:[4026531833]" for type "net". */
    public String namespace(String procName) {
        return json.path("namespaces").path(procName).asText(null);
    }

    public String hostname() {
        return json.path("hostname").asText();
    }

    public String domainname() {
        return json.path("domainname").asText();
    }

    public String cwd() {
        return json.path("cwd").asText();
    }

    public List<String> env() {
        List<String> e = new ArrayList<>();
        json.path("env").forEach(n -> e.add(n.asText()));
        return e;
    }

    public Map<String, String> envMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : env()) {
            int i = s.indexOf('=');
            m.put(i < 0 ? s : s.substring(0, i), i < 0 ? "" : s.substring(i + 1));
        }
        return m;
    }

    public List<MountInfo> mounts() {
        List<MountInfo> m = new ArrayList<>();
        json.path("mountinfo").forEach(n -> m.add(MountInfo.parse(n.asText())));
        return m;
    }

    /** The top-most mount at {@code mountPoint}, if any. */
    public Optional<MountInfo> mountAt(String mountPoint) {
        return mounts().stream().filter(m -> m.mountPoint().equals(mountPoint)).reduce((a, b) -> b);
    }

    public List<String> cgroupLines() {
        List<String> l = new ArrayList<>();
        json.path("cgroup").forEach(n -> l.add(n.asText()));
        return l;
    }

    public long oomScoreAdj() {
        return json.path("oomScoreAdj").asLong();
    }

    public boolean stdinIsTty() {
        return json.path("stdinIsTty").asBoolean();
    }

    /** Open descriptors and their targets. */
    public Map<Integer, String> fds() {
        Map<Integer, String> m = new TreeMap<>();
        json.path("fds").fields().forEachRemaining(e -> m.put(Integer.parseInt(e.getKey()), e.getValue().asText()));
        return m;
    }

    /** For probe actions: the errno field (0 on success). */
    public long errno() {
        return json.path("errno").asLong();
    }

    public long ret() {
        return json.path("ret").asLong();
    }

    public String text(String field) {
        return json.path(field).asText(null);
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
