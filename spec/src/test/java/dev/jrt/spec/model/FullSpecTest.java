package dev.jrt.spec.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jrt.spec.ConfigLoader;
import dev.jrt.spec.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One config with every member of runtime-spec v1.3.0 Linux set: all of it binds and is written back unchanged. */
class FullSpecTest {

    static final String EVERY_MEMBER = """
            {
              "ociVersion": "1.3.0",
              "process": {
                "terminal": true,
                "consoleSize": {"height": 25, "width": 80},
                "user": {"uid": 1, "gid": 2, "umask": 18, "additionalGids": [5, 4294967295]},
                "args": ["sh", "-c", "true"],
                "commandLine": "sh -c true",
                "env": ["PATH=/bin", "TERM=xterm"],
                "cwd": "/root",
                "capabilities": {
                  "bounding": ["CAP_KILL"], "effective": ["CAP_KILL"], "inheritable": [],
                  "permitted": ["CAP_KILL"], "ambient": ["CAP_KILL"]
                },
                "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 18446744073709551615, "soft": 1024}],
                "noNewPrivileges": true,
                "apparmorProfile": "jrt-default",
                "oomScoreAdj": -999,
                "scheduler": {"policy": "SCHED_DEADLINE", "nice": 0, "priority": 0, "flags": ["SCHED_FLAG_RECLAIM"],
                              "runtime": 1000, "deadline": 2000, "period": 18446744073709551615},
                "selinuxLabel": "system_u:system_r:container_t:s0",
                "ioPriority": {"class": "IOPRIO_CLASS_BE", "priority": 7},
                "execCPUAffinity": {"initial": "7", "final": "0-3,7"}
              },
              "root": {"path": "rootfs", "readonly": false},
              "hostname": "box",
              "domainname": "example.org",
              "mounts": [
                {"destination": "/data", "type": "none", "source": "/srv/data", "options": ["rbind", "idmap"],
                 "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}],
                 "gidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}]}
              ],
              "hooks": {
                "prestart": [{"path": "/bin/a", "args": ["a"], "env": ["X=1"], "timeout": 5}],
                "createRuntime": [{"path": "/bin/b"}],
                "createContainer": [{"path": "/bin/c"}],
                "startContainer": [{"path": "/bin/d"}],
                "poststart": [{"path": "/bin/e"}],
                "poststop": [{"path": "/bin/f"}]
              },
              "annotations": {"org.example.key": "value"},
              "linux": {
                "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}],
                "gidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}],
                "timeOffsets": {"monotonic": {"secs": -172800, "nanosecs": 999999999}},
                "sysctl": {"net.ipv4.ip_forward": "1"},
                "resources": {
                  "devices": [{"allow": false, "access": "rwm"}, {"allow": true, "type": "c", "major": 1, "minor": 3, "access": "rw"}],
                  "memory": {"limit": 9223372036854775807, "reservation": -1, "swap": -1, "kernel": -1, "kernelTCP": -1,
                             "swappiness": 60, "disableOOMKiller": true, "useHierarchy": true, "checkBeforeUpdate": true},
                  "cpu": {"shares": 1024, "quota": -1, "burst": 1000, "period": 100000, "realtimeRuntime": -9223372036854775808,
                          "realtimePeriod": 1000000, "cpus": "0-3", "mems": "0", "idle": 1},
                  "pids": {"limit": 0},
                  "blockIO": {
                    "weight": 10, "leafWeight": 65535,
                    "weightDevice": [{"major": 8, "minor": 0, "weight": 500, "leafWeight": 300}],
                    "throttleReadBpsDevice": [{"major": 8, "minor": 0, "rate": 18446744073709551615}],
                    "throttleWriteBpsDevice": [{"major": 8, "minor": 0, "rate": 1}],
                    "throttleReadIOPSDevice": [{"major": 8, "minor": 0, "rate": 2}],
                    "throttleWriteIOPSDevice": [{"major": 8, "minor": 16, "rate": 300}]
                  },
                  "hugepageLimits": [{"pageSize": "2MB", "limit": 18446744073709551615}],
                  "network": {"classID": 4294967295, "priorities": [{"name": "eth0", "priority": 500}]},
                  "rdma": {"mlx5_1": {"hcaHandles": 3, "hcaObjects": 10000}},
                  "unified": {"io.max": "259:0 rbps=2097152"}
                },
                "cgroupsPath": "system.slice:jrt:abc",
                "namespaces": [{"type": "pid"}, {"type": "network", "path": "/var/run/netns/x"}, {"type": "ipc"},
                               {"type": "uts"}, {"type": "mount"}, {"type": "user"}, {"type": "cgroup"}, {"type": "time"}],
                "devices": [{"path": "/dev/fuse", "type": "c", "major": 10, "minor": 229, "fileMode": 438, "uid": 0, "gid": 0}],
                "netDevices": {"eth1": {"name": "ctr0"}, "eth2": {}},
                "seccomp": {
                  "defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1,
                  "architectures": ["SCMP_ARCH_X86_64"], "flags": ["SECCOMP_FILTER_FLAG_LOG"],
                  "listenerPath": "/run/agent.sock", "listenerMetadata": "meta",
                  "syscalls": [{"names": ["personality"], "action": "SCMP_ACT_ALLOW", "args": [
                                 {"index": 0, "value": 4294967295, "valueTwo": 18446744073709551615, "op": "SCMP_CMP_MASKED_EQ"}]},
                               {"names": ["mkdir"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38}]
                },
                "rootfsPropagation": "rslave",
                "maskedPaths": ["/proc/kcore"],
                "readonlyPaths": ["/proc/sys"],
                "mountLabel": "system_u:object_r:container_file_t:s0",
                "intelRdt": {"closID": "guaranteed_group", "l3CacheSchema": "L3:0=7f0", "memBwSchema": "MB:0=20",
                             "schemata": ["L2:0=f"], "enableMonitoring": true},
                "memoryPolicy": {"mode": "MPOL_INTERLEAVE", "nodes": "2-3", "flags": ["MPOL_F_STATIC_NODES"]},
                "personality": {"domain": "LINUX32", "flags": []}
              }
            }""";

    @Test
    void everyMemberIsValidBindsAndComesBackUnchanged() throws Exception {
        Spec spec = ConfigLoader.parse(EVERY_MEMBER);
        JsonNode original = Json.mapper().readTree(EVERY_MEMBER);
        assertEquals(original, Json.mapper().readTree(ConfigLoader.write(spec)));
    }

    @Test
    void javaNamesMapToOciNames() {
        Spec spec = ConfigLoader.parse(EVERY_MEMBER);
        assertEquals("IOPRIO_CLASS_BE", spec.process().ioPriority().ioClass());
        assertEquals("0-3,7", spec.process().execCpuAffinity().finalCpus());
        assertEquals(100000L, spec.linux().uidMappings().get(0).hostId());
        assertEquals(4294967295L, spec.linux().resources().network().classId());
        assertEquals(-1L, spec.linux().resources().blockIo().throttleReadBpsDevice().get(0).rate());
        assertEquals(300L, spec.linux().resources().blockIo().throttleWriteIopsDevice().get(0).rate());
        assertEquals(true, spec.linux().resources().memory().disableOomKiller());
        assertEquals(-1L, spec.linux().resources().memory().kernelTcp());
        assertEquals("guaranteed_group", spec.linux().intelRdt().closId());
        assertEquals(List.of(5L, 4294967295L), spec.process().user().additionalGids());
        assertEquals(-1L, spec.linux().seccomp().syscalls().get(0).args().get(0).valueTwo());
    }
}
