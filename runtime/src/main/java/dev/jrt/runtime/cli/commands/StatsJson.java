package dev.jrt.runtime.cli.commands;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.jrt.runtime.cgroups.CgroupStats;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * runc's events JSON ({"type":"stats","id":...,"data":{...}}), one line, with its field names
 * and Go's omitempty rules, so that tools reading runc's events read jrt's.
 */
final class StatsJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private StatsJson() {}

    static String oom(String id) {
        return "{\"type\":\"oom\",\"id\":" + quote(id) + "}";
    }

    static String stats(String id, CgroupStats s) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "stats");
            g.writeStringField("id", id);
            g.writeObjectFieldStart("data");
            cpu(g, s.cpu());
            cpuset(g, s.cpuset());
            memory(g, s.memory());
            g.writeObjectFieldStart("pids");
            omitEmpty(g, "current", s.pids().current());
            omitEmpty(g, "limit", s.pids().limit());
            g.writeEndObject();
            g.writeObjectFieldStart("blkio");
            blkio(g, "ioServiceBytesRecursive", s.blkio().ioServiceBytesRecursive());
            blkio(g, "ioServicedRecursive", s.blkio().ioServicedRecursive());
            g.writeEndObject();
            g.writeObjectFieldStart("hugetlb");
            for (Map.Entry<String, CgroupStats.Hugetlb> e : s.hugetlb().entrySet()) {
                g.writeObjectFieldStart(e.getKey());
                omitEmpty(g, "usage", e.getValue().usage());
                omitEmpty(g, "max", e.getValue().max());
                unsigned(g, "failcnt", e.getValue().failcnt());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("intel_rdt");
            g.writeEndObject();
            g.writeNullField("network_interfaces");
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void cpu(JsonGenerator g, CgroupStats.Cpu c) throws IOException {
        g.writeObjectFieldStart("cpu");
        g.writeObjectFieldStart("usage");
        omitEmpty(g, "total", c.total());
        list(g, "percpu", c.percpu());
        list(g, "percpu_kernel", c.percpuKernel());
        list(g, "percpu_user", c.percpuUser());
        unsigned(g, "kernel", c.kernel());
        unsigned(g, "user", c.user());
        g.writeEndObject();
        g.writeObjectFieldStart("throttling");
        omitEmpty(g, "periods", c.periods());
        omitEmpty(g, "throttled_periods", c.throttledPeriods());
        omitEmpty(g, "throttled_time", c.throttledTime());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void cpuset(JsonGenerator g, CgroupStats.CpuSet c) throws IOException {
        g.writeObjectFieldStart("cpuset");
        list(g, "cpus", c.cpus());
        unsigned(g, "cpu_exclusive", c.cpuExclusive());
        list(g, "mems", c.mems());
        unsigned(g, "mem_hardwall", c.memHardwall());
        unsigned(g, "mem_exclusive", c.memExclusive());
        unsigned(g, "memory_migrate", c.memoryMigrate());
        unsigned(g, "memory_spread_page", c.memorySpreadPage());
        unsigned(g, "memory_spread_slab", c.memorySpreadSlab());
        unsigned(g, "memory_pressure", c.memoryPressure());
        unsigned(g, "sched_load_balance", c.schedLoadBalance());
        g.writeNumberField("sched_relax_domain_level", c.schedRelaxDomainLevel());
        g.writeEndObject();
    }

    private static void memory(JsonGenerator g, CgroupStats.Memory m) throws IOException {
        g.writeObjectFieldStart("memory");
        omitEmpty(g, "cache", m.cache());
        entry(g, "usage", m.usage());
        entry(g, "swap", m.swap());
        entry(g, "kernel", m.kernel());
        entry(g, "kernelTCP", m.kernelTcp());
        if (!m.raw().isEmpty()) {
            g.writeObjectFieldStart("raw");
            for (Map.Entry<String, Long> e : new java.util.TreeMap<>(m.raw()).entrySet()) {
                unsigned(g, e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void entry(JsonGenerator g, String name, CgroupStats.MemoryEntry e) throws IOException {
        g.writeObjectFieldStart(name);
        unsigned(g, "limit", e.limit());
        omitEmpty(g, "usage", e.usage());
        omitEmpty(g, "max", e.max());
        unsigned(g, "failcnt", e.failcnt());
        g.writeEndObject();
    }

    private static void blkio(JsonGenerator g, String name, List<CgroupStats.BlkioEntry> entries) throws IOException {
        if (entries.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(name);
        for (CgroupStats.BlkioEntry e : entries) {
            g.writeStartObject();
            omitEmpty(g, "major", e.major());
            omitEmpty(g, "minor", e.minor());
            if (!e.op().isEmpty()) {
                g.writeStringField("op", e.op());
            }
            omitEmpty(g, "value", e.value());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void list(JsonGenerator g, String name, List<? extends Number> values) throws IOException {
        if (values.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(name);
        for (Number v : values) {
            g.writeNumber(Long.toUnsignedString(v.longValue()));
        }
        g.writeEndArray();
    }

    private static void omitEmpty(JsonGenerator g, String name, long v) throws IOException {
        if (v != 0) {
            unsigned(g, name, v);
        }
    }

    private static void unsigned(JsonGenerator g, String name, long v) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(Long.toUnsignedString(v));
    }

    private static String quote(String s) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
