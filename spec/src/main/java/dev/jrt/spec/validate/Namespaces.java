package dev.jrt.spec.validate;

import dev.jrt.spec.model.LinuxNamespace;
import dev.jrt.spec.model.Spec;

import java.util.List;

/** The namespaces a spec asks for, looked up by type (first entry wins, as duplicates are reported elsewhere). */
final class Namespaces {

    private final List<LinuxNamespace> entries;

    private Namespaces(List<LinuxNamespace> entries) {
        this.entries = entries;
    }

    static Namespaces of(Spec spec) {
        List<LinuxNamespace> entries = spec.linux() == null ? null : spec.linux().namespaces();
        return new Namespaces(entries == null ? List.of() : entries);
    }

    /** True if the container gets its own namespace of this type, new or joined. */
    boolean has(String type) {
        return indexOf(type) >= 0;
    }

    /** Index of the entry of this type in {@code /linux/namespaces}, or -1. */
    int indexOf(String type) {
        for (int i = 0; i < entries.size(); i++) {
            LinuxNamespace ns = entries.get(i);
            if (ns != null && type.equals(ns.type())) {
                return i;
            }
        }
        return -1;
    }

    /** True if the container joins an existing namespace of this type through a path. */
    boolean joins(String type) {
        int i = indexOf(type);
        return i >= 0 && entries.get(i).joins();
    }
}
