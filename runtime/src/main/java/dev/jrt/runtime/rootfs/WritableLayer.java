package dev.jrt.runtime.rootfs;

import dev.jrt.runtime.sys.DetachedMounts;
import dev.jrt.runtime.sys.Fd;
import dev.jrt.runtime.sys.FileNodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** A container's own writable layer (upper and work on its tmpfs) over a shared read-only tree, as a detached overlay. */
final class WritableLayer {
    private WritableLayer() {}

    static Fd over(Path lower, Path tmpfsRoot) throws IOException {
        Path upper = Files.createDirectory(tmpfsRoot.resolve("upper"));
        Path work = Files.createDirectory(tmpfsRoot.resolve("work"));
        // the merged root shows the upper directory's owner and mode: make them the tree's
        int uid = (int) Files.getAttribute(lower, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int gid = (int) Files.getAttribute(lower, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        int mode = (int) Files.getAttribute(lower, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        FileNodes.lchown(upper.toString(), uid, gid);
        FileNodes.chmod(upper.toString(), mode & 07777);
        return DetachedMounts.overlay(lower.toString(), upper.toString(), work.toString());
    }
}
