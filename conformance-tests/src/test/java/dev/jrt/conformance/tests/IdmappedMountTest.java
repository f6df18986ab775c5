package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrt.conformance.Deviation;
import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.ProbeReport;
import dev.jrt.conformance.support.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** config.md "Mounts": uidMappings/gidMappings with the idmap option (mount_setattr MOUNT_ATTR_IDMAP). */
@ConformanceTest
class IdmappedMountTest {

    private static void map(ObjectNode mount, String field, int container, int host, int size) {
        ArrayNode a = mount.putArray(field);
        a.addObject().put("containerID", container).put("hostID", host).put("size", size);
    }

    @Test
    @Requirement(file = "config.md", heading = "Mounts",
            text = "uidMappings/gidMappings with idmap: a file owned by source id 0 appears owned by the mapped id in the mount")
    @Deviation(runtime = "runc", reason = "runc 1.1 has no id-mapped mounts (added in runc 1.2)")
    void aFileAppearsWithTheMappedOwner(Sandbox sb) throws Exception {
        Path host = sb.hostDir("idmapped");
        Files.writeString(host.resolve("file"), "owned by root on disk");
        var b = sb.bundle().bind(host, "/idm", "bind", "idmap").args("/probe", "stat", "/idm/file");
        ArrayNode mounts = (ArrayNode) b.config().get("mounts");
        ObjectNode m = (ObjectNode) mounts.get(mounts.size() - 1);
        map(m, "uidMappings", 0, 1234, 1);
        map(m, "gidMappings", 0, 5678, 1);
        ProbeReport p = ProbeReport.parse(sb.run(b.build()).stdout());
        assertEquals(1234, p.json().path("uid").asInt(), p.toString());
        assertEquals(5678, p.json().path("gid").asInt(), p.toString());
        // on the host the file is still root's
        assertEquals(0, (int) Files.getAttribute(host.resolve("file"), "unix:uid"));
        assertFalse(Files.exists(host.resolve("x")));
    }

    @Test
    @Requirement(file = "config.md", heading = "Linux mount options",
            text = "idmap without mappings on the mount: the runtime MAY use the container's user namespace mapping"
                    + " (root's files appear owned by the container's root)")
    @Deviation(runtime = "runc", reason = "runc 1.1 has no id-mapped mounts (added in runc 1.2)")
    void withoutMappingsTheContainersAreUsed(Sandbox sb) throws Exception {
        Path host = sb.hostDir("idmapped-userns");
        Files.writeString(host.resolve("file"), "owned by root on disk");
        // onto a directory the image has: the container's root may not create one in a rootfs owned by the host's root
        var b = sb.bundle().namespace("user").bind(host, "/tmp", "bind", "idmap").args("/probe", "stat", "/tmp/file");
        b.linux().putArray("uidMappings").addObject().put("containerID", 0).put("hostID", 100000).put("size", 65536);
        b.linux().putArray("gidMappings").addObject().put("containerID", 0).put("hostID", 100000).put("size", 65536);
        ProbeReport p = ProbeReport.parse(sb.run(b.build()).stdout());
        assertEquals(0, p.json().path("uid").asInt(), p.toString());
        assertEquals(0, p.json().path("gid").asInt(), p.toString());
    }

    @Test
    @Requirement(file = "config.md", heading = "Linux mount options",
            text = "idmap: if there are no uidMappings and gidMappings and the container has no user namespace, an error MUST be returned")
    @Deviation(runtime = "runc", reason = "runc 1.1 does not know idmap and ignores it")
    void withoutAnyMappingsItIsAnError(Sandbox sb) {
        Path host = sb.hostDir("idmapped-none");
        var b = sb.bundle().bind(host, "/idm", "bind", "idmap").args("/probe", "stat", "/idm");
        assertFalse(sb.tryRun(b.build()).ok(), "an idmap mount without any mapping was accepted");
    }
}
