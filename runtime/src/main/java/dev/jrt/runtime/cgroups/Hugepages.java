package dev.jrt.runtime.cgroups;

import java.util.ArrayList;
import java.util.List;

/** The huge page sizes a hugetlb cgroup offers, named as in its files ("2MB", "1GB"). */
final class Hugepages {
    private Hugepages() {}

    /** Fails, listing the sizes this host has, when pageSize has no file with the given suffix. */
    static void checkPageSize(FieldWriter w, String pointer, String pageSize, String suffix) {
        if (pageSize != null && !pageSize.contains("/") && w.has("hugetlb." + pageSize + suffix)) {
            return;
        }
        throw new CgroupException(pointer + ": this host has no huge pages of size \"" + pageSize + "\"; allowed: "
                + String.join(", ", sizes(w, suffix)));
    }

    static List<String> sizes(FieldWriter w, String suffix) {
        List<String> out = new ArrayList<>();
        try (var files = java.nio.file.Files.list(w.dir())) {
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("hugetlb.") && n.endsWith(suffix) && !n.contains(".rsvd."))
                    .map(n -> n.substring("hugetlb.".length(), n.length() - suffix.length()))
                    .sorted()
                    .forEach(out::add);
        } catch (java.io.IOException e) {
            // no sizes to offer
        }
        return out;
    }
}
