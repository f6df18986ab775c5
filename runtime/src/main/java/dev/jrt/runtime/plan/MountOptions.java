package dev.jrt.runtime.plan;

import static dev.jrt.runtime.plan.Linux.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A mount's OCI options split as runc splits them: flags to set, flags to clear, propagation,
 * and the rest, which passes to the filesystem as data ("mode=755", "size=64k").
 */
public record MountOptions(long flags, long propagation, String data, List<String> recursive, List<String> extensions) {

    private record Flag(boolean clear, long flag) {}

    private static final Map<String, Flag> FLAGS = Map.ofEntries(
            Map.entry("defaults", new Flag(false, 0)),
            Map.entry("ro", new Flag(false, MS_RDONLY)), Map.entry("rw", new Flag(true, MS_RDONLY)),
            Map.entry("suid", new Flag(true, MS_NOSUID)), Map.entry("nosuid", new Flag(false, MS_NOSUID)),
            Map.entry("dev", new Flag(true, MS_NODEV)), Map.entry("nodev", new Flag(false, MS_NODEV)),
            Map.entry("exec", new Flag(true, MS_NOEXEC)), Map.entry("noexec", new Flag(false, MS_NOEXEC)),
            Map.entry("sync", new Flag(false, MS_SYNCHRONOUS)), Map.entry("async", new Flag(true, MS_SYNCHRONOUS)),
            Map.entry("dirsync", new Flag(false, MS_DIRSYNC)),
            Map.entry("remount", new Flag(false, MS_REMOUNT)),
            Map.entry("mand", new Flag(false, MS_MANDLOCK)), Map.entry("nomand", new Flag(true, MS_MANDLOCK)),
            Map.entry("atime", new Flag(true, MS_NOATIME)), Map.entry("noatime", new Flag(false, MS_NOATIME)),
            Map.entry("diratime", new Flag(true, MS_NODIRATIME)), Map.entry("nodiratime", new Flag(false, MS_NODIRATIME)),
            Map.entry("bind", new Flag(false, MS_BIND)), Map.entry("rbind", new Flag(false, MS_BIND | MS_REC)),
            Map.entry("relatime", new Flag(false, MS_RELATIME)), Map.entry("norelatime", new Flag(true, MS_RELATIME)),
            Map.entry("strictatime", new Flag(false, MS_STRICTATIME)),
            Map.entry("nostrictatime", new Flag(true, MS_STRICTATIME)),
            Map.entry("lazytime", new Flag(false, MS_LAZYTIME)), Map.entry("nolazytime", new Flag(true, MS_LAZYTIME)),
            Map.entry("silent", new Flag(false, MS_SILENT)), Map.entry("loud", new Flag(true, MS_SILENT)),
            Map.entry("symfollow", new Flag(true, MS_NOSYMFOLLOW)),
            Map.entry("nosymfollow", new Flag(false, MS_NOSYMFOLLOW)));

    private static final Map<String, Long> PROPAGATION = Map.of(
            "private", MS_PRIVATE, "rprivate", MS_PRIVATE | MS_REC,
            "shared", MS_SHARED, "rshared", MS_SHARED | MS_REC,
            "slave", MS_SLAVE, "rslave", MS_SLAVE | MS_REC,
            "unbindable", MS_UNBINDABLE, "runbindable", MS_UNBINDABLE | MS_REC);

    private static final List<String> RECURSIVE = List.of(
            "rro", "rrw", "rnosuid", "rsuid", "rnodev", "rdev", "rnoexec", "rexec", "rnodiratime", "rdiratime",
            "rrelatime", "rnorelatime", "rnoatime", "ratime", "rstrictatime", "rnostrictatime");

    private static final List<String> EXTENSIONS = List.of("tmpcopyup", "idmap", "ridmap");

    public static MountOptions parse(List<String> options) {
        long flags = 0;
        long propagation = 0;
        List<String> data = new ArrayList<>();
        List<String> recursive = new ArrayList<>();
        List<String> extensions = new ArrayList<>();
        if (options != null) {
            for (String o : options) {
                Flag f = FLAGS.get(o);
                if (f != null) {
                    flags = f.clear ? flags & ~f.flag : flags | f.flag;
                } else if (PROPAGATION.containsKey(o)) {
                    propagation |= PROPAGATION.get(o);
                } else if (RECURSIVE.contains(o)) {
                    recursive.add(o);
                } else if (EXTENSIONS.contains(o)) {
                    extensions.add(o);
                } else {
                    data.add(o);
                }
            }
        }
        return new MountOptions(flags, propagation, data.isEmpty() ? null : String.join(",", data), recursive, extensions);
    }

    /** The options jrt applies today (flags, propagation, recursive attributes, tmpcopyup, idmap, ridmap), sorted: what `features` reports. */
    public static List<String> supported() {
        List<String> names = new ArrayList<>(FLAGS.keySet());
        names.addAll(PROPAGATION.keySet());
        names.addAll(RECURSIVE);
        names.add("tmpcopyup");
        names.add("idmap");
        names.add("ridmap");
        names.sort(null);
        return names;
    }

    public boolean isBind() {
        return (flags & MS_BIND) != 0;
    }
}
