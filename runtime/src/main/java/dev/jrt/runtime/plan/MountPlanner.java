package dev.jrt.runtime.plan;

import static dev.jrt.runtime.plan.Linux.*;

import dev.jrt.runtime.api.OciRuntimeException;
import dev.jrt.spec.model.Mount;
import dev.jrt.spec.model.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The config's mounts, in order: the mount itself (bind sources are host paths relative to the
 * bundle; the missing target is made as a directory or a file to match), then the mount's
 * propagation applied to its own target in root, then its recursive attributes (mount_setattr).
 */
final class MountPlanner {
    private MountPlanner() {}

    static void plan(PlanBuilder b, Spec spec, Path bundle) {
        List<Mount> mounts = spec.mounts() == null ? List.of() : spec.mounts();
        for (int i = 0; i < mounts.size(); i++) {
            mount(b, "/mounts/" + i, mounts.get(i), bundle);
        }
    }

    private static void mount(PlanBuilder b, String source, Mount m, Path bundle) {
        MountOptions o = MountOptions.parse(m.options());
        boolean bind = o.isBind() || "bind".equals(m.type()) || "rbind".equals(m.type());
        long flags = o.flags() | (bind ? MS_BIND : 0) | ("rbind".equals(m.type()) ? MS_REC : 0);
        String src = m.source() == null ? "none" : m.source();
        Op.Create create = Op.Create.DIR;
        String fstype = m.type() == null ? "none" : m.type();
        if (bind) {
            Path hostSource = bundle.resolve(src);
            src = hostSource.toString();
            if (!Files.exists(hostSource)) {
                throw new OciRuntimeException("config.json: " + source + "/source: " + src
                        + ": no such file or directory");
            }
            create = Files.isDirectory(hostSource) ? Op.Create.DIR : Op.Create.FILE;
            fstype = "none";
        }
        if (o.extensions().contains("tmpcopyup")) {
            if (!"tmpfs".equals(m.type())) {
                throw new OciRuntimeException("config.json: " + source + "/options: tmpcopyup applies to type tmpfs only, not "
                        + (m.type() == null ? "a mount without a type" : m.type()));
            }
            b.add(source, new Op.TmpfsCopyUp(m.destination(), flags, o.data()));
        } else {
            b.add(source, new Op.Mount(src, m.destination(), true, fstype, flags, o.data(), create));
        }
        if (o.propagation() != 0) {
            b.add(source + "/options", new Op.PropagateInRoot(m.destination(), o.propagation()));
        }
        RecursiveAttrs attrs = RecursiveAttrs.of(o.recursive());
        if (!attrs.isEmpty()) {
            b.add(source + "/options", new Op.SetMountAttr(m.destination(), attrs.set(), attrs.clear(), true));
        }
    }
}
