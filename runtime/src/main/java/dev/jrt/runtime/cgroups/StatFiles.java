package dev.jrt.runtime.cgroups;

import dev.jrt.runtime.cgroups.CgroupStats.BlkioEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parsers of the cgroupfs file formats the stats come from; a missing file reads as empty. */
final class StatFiles {
    private StatFiles() {}

    static String text(Path dir, String file) {
        return dir != null && Files.exists(dir.resolve(file)) ? CgroupFiles.read(dir, file) : "";
    }

    /** A single number; "max" is -1; missing is 0. */
    static long number(Path dir, String file) {
        String s = text(dir, file);
        if (s.isEmpty()) {
            return 0;
        }
        return s.equals("max") ? -1 : Long.parseUnsignedLong(s.split("\\s+")[0]);
    }

    /** A signed number (cpuset.sched_relax_domain_level is -1 by default); missing is 0. */
    static long signed(Path dir, String file) {
        String s = text(dir, file);
        return s.isEmpty() ? 0 : Long.parseLong(s);
    }

    /** A cpu or memory node list ("0-2,4" is 0, 1, 2, 4); missing or empty is no entry. */
    static List<Integer> list(Path dir, String file) {
        List<Integer> out = new ArrayList<>();
        for (String part : text(dir, file).split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] range = part.trim().split("-");
            int first = Integer.parseInt(range[0]);
            int last = range.length == 2 ? Integer.parseInt(range[1]) : first;
            for (int i = first; i <= last; i++) {
                out.add(i);
            }
        }
        return out;
    }

    /** "key value" lines (memory.stat, cpu.stat, memory.events, memory.oom_control). */
    static Map<String, Long> flatKeyed(Path dir, String file) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : text(dir, file).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2) {
                try {
                    out.put(f[0], f[1].equals("max") ? -1 : Long.parseUnsignedLong(f[1]));
                } catch (NumberFormatException e) {
                    // not a counter
                }
            }
        }
        return out;
    }

    /** Space-separated numbers (cpuacct.usage_percpu). */
    static List<Long> numbers(Path dir, String file) {
        List<Long> out = new ArrayList<>();
        for (String f : text(dir, file).split("\\s+")) {
            if (!f.isEmpty()) {
                out.add(Long.parseUnsignedLong(f));
            }
        }
        return out;
    }

    /** v1 blkio recursive files: "8:0 Read 4096" lines, skipping the final "Total N". */
    static List<BlkioEntry> blkioV1(Path dir, String file) {
        List<BlkioEntry> out = new ArrayList<>();
        for (String line : text(dir, file).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].contains(":")) {
                String[] mm = f[0].split(":");
                out.add(new BlkioEntry(Long.parseLong(mm[0]), Long.parseLong(mm[1]), f[1], Long.parseUnsignedLong(f[2])));
            }
        }
        return out;
    }

    /** v2 io.stat: "8:0 rbytes=1 wbytes=2 rios=3 wios=4 ..." lines, one map per device. */
    static Map<String, Map<String, Long>> ioStat(Path dir) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (String line : text(dir, "io.stat").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || !f[0].contains(":")) {
                continue;
            }
            Map<String, Long> kv = new LinkedHashMap<>();
            for (int i = 1; i < f.length; i++) {
                int eq = f[i].indexOf('=');
                if (eq > 0) {
                    kv.put(f[i].substring(0, eq), Long.parseUnsignedLong(f[i].substring(eq + 1)));
                }
            }
            out.put(f[0], kv);
        }
        return out;
    }
}
