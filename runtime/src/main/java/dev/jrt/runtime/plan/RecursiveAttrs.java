package dev.jrt.runtime.plan;

import java.util.List;
import java.util.Map;

/**
 * The recursive mount options (rro, rnosuid, ratime, ...) as mount_setattr(2) MOUNT_ATTR_* bits
 * to set and to clear, as runc maps them. An atime mode is a field, not a bit: setting one or
 * clearing one replaces the whole field (MOUNT_ATTR__ATIME), which the kernel requires.
 */
public record RecursiveAttrs(long set, long clear) {
    public static final long MOUNT_ATTR_RDONLY = 0x1;
    public static final long MOUNT_ATTR_NOSUID = 0x2;
    public static final long MOUNT_ATTR_NODEV = 0x4;
    public static final long MOUNT_ATTR_NOEXEC = 0x8;
    public static final long MOUNT_ATTR__ATIME = 0x70;
    public static final long MOUNT_ATTR_RELATIME = 0x0;
    public static final long MOUNT_ATTR_NOATIME = 0x10;
    public static final long MOUNT_ATTR_STRICTATIME = 0x20;
    public static final long MOUNT_ATTR_NODIRATIME = 0x80;

    private record Attr(boolean clear, long bits, boolean atime) {}

    private static final Map<String, Attr> ATTRS = Map.ofEntries(
            Map.entry("rro", new Attr(false, MOUNT_ATTR_RDONLY, false)),
            Map.entry("rrw", new Attr(true, MOUNT_ATTR_RDONLY, false)),
            Map.entry("rnosuid", new Attr(false, MOUNT_ATTR_NOSUID, false)),
            Map.entry("rsuid", new Attr(true, MOUNT_ATTR_NOSUID, false)),
            Map.entry("rnodev", new Attr(false, MOUNT_ATTR_NODEV, false)),
            Map.entry("rdev", new Attr(true, MOUNT_ATTR_NODEV, false)),
            Map.entry("rnoexec", new Attr(false, MOUNT_ATTR_NOEXEC, false)),
            Map.entry("rexec", new Attr(true, MOUNT_ATTR_NOEXEC, false)),
            Map.entry("rnodiratime", new Attr(false, MOUNT_ATTR_NODIRATIME, false)),
            Map.entry("rdiratime", new Attr(true, MOUNT_ATTR_NODIRATIME, false)),
            Map.entry("rrelatime", new Attr(false, MOUNT_ATTR_RELATIME, true)),
            Map.entry("rnorelatime", new Attr(true, MOUNT_ATTR_RELATIME, true)),
            Map.entry("rnoatime", new Attr(false, MOUNT_ATTR_NOATIME, true)),
            Map.entry("ratime", new Attr(true, MOUNT_ATTR_NOATIME, true)),
            Map.entry("rstrictatime", new Attr(false, MOUNT_ATTR_STRICTATIME, true)),
            Map.entry("rnostrictatime", new Attr(true, MOUNT_ATTR_STRICTATIME, true)));

    /** Later options win over earlier ones, as with the non-recursive flags. */
    public static RecursiveAttrs of(List<String> options) {
        long set = 0;
        long clear = 0;
        for (String o : options) {
            Attr a = ATTRS.get(o);
            if (a == null) {
                throw new IllegalArgumentException("not a recursive mount option: " + o);
            }
            if (a.atime) {
                // the atime field is replaced as a whole: a set mode wins, a cleared one gives the default
                set &= ~MOUNT_ATTR__ATIME;
                clear |= MOUNT_ATTR__ATIME;
                if (!a.clear) {
                    set |= a.bits;
                }
            } else if (a.clear) {
                clear |= a.bits;
                set &= ~a.bits;
            } else {
                set |= a.bits;
                clear &= ~a.bits;
            }
        }
        return new RecursiveAttrs(set, clear);
    }

    public boolean isEmpty() {
        return set == 0 && clear == 0;
    }
}
