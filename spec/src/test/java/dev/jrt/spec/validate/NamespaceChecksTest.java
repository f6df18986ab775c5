package dev.jrt.spec.validate;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.jrt.spec.validate.Specs.linuxProblems;
import static dev.jrt.spec.validate.Specs.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NamespaceChecksTest {

    @Nested
    class Namespaces {
        private final Check check = new NamespacesCheck();

        @Test
        void acceptsEveryTypeOnceNewOrJoined() {
            assertEquals(List.of(), linuxProblems(check, "'namespaces': [{'type': 'pid'}, {'type': 'network', "
                    + "'path': '/var/run/netns/a'}, {'type': 'mount'}, {'type': 'ipc'}, {'type': 'uts'}, "
                    + "{'type': 'user'}, {'type': 'cgroup'}, {'type': 'time', 'path': ''}]"));
        }

        @Test
        void namesTheKnownTypesForAnUnknownOne() {
            assertEquals(List.of("/linux/namespaces/2/type: unknown namespace \"pidd\" "
                            + "(allowed: cgroup, ipc, mount, network, pid, time, user, uts)"),
                    linuxProblems(check, "'namespaces': [{'type': 'mount'}, {'type': 'uts'}, {'type': 'pidd'}]"));
        }

        @Test
        void refusesDuplicates() {
            assertEquals(List.of("/linux/namespaces/2/type: duplicate namespace \"pid\" (first at /linux/namespaces/0)"),
                    linuxProblems(check, "'namespaces': [{'type': 'pid'}, {'type': 'uts'}, "
                            + "{'type': 'pid', 'path': '/proc/1/ns/pid'}]"));
        }

        @Test
        void joinsOnlyThroughAnAbsolutePath() {
            assertEquals(List.of("/linux/namespaces/0/path: must be an absolute path, got \"proc/1/ns/net\""),
                    linuxProblems(check, "'namespaces': [{'type': 'network', 'path': 'proc/1/ns/net'}]"));
        }
    }

    @Nested
    class Uts {
        private final Check check = new UtsCheck();

        @Test
        void needsAUtsNamespaceForHostnameAndDomainname() {
            assertEquals(List.of(
                            "/hostname: cannot be used without a UTS namespace (add a \"uts\" entry to /linux/namespaces)",
                            "/domainname: cannot be used without a UTS namespace (add a \"uts\" entry to /linux/namespaces)"),
                    problems(check, "{'hostname': 'box', 'domainname': 'example.org', "
                            + "'linux': {'namespaces': [{'type': 'pid'}]}}"));
            assertEquals(1, problems(check, "{'hostname': 'box'}").size());
        }

        @Test
        void acceptsThemWithANewOrJoinedUtsNamespace() {
            assertEquals(List.of(), problems(check, "{'hostname': 'box', 'linux': {'namespaces': [{'type': 'uts'}]}}"));
            assertEquals(List.of(), problems(check, "{'domainname': 'x', "
                    + "'linux': {'namespaces': [{'type': 'uts', 'path': '/proc/1/ns/uts'}]}}"));
            assertEquals(List.of(), problems(check, "{'hostname': ''}"));
        }
    }

    @Nested
    class UserNamespace {
        private final Check check = new UserNamespaceCheck();
        private static final String MAP = "[{'containerID': 0, 'hostID': 1000, 'size': 1}]";

        @Test
        void needsAUserNamespaceForMappings() {
            assertEquals(List.of(
                            "/linux/uidMappings: cannot be used without a user namespace (add a \"user\" entry to /linux/namespaces)",
                            "/linux/gidMappings: cannot be used without a user namespace (add a \"user\" entry to /linux/namespaces)"),
                    linuxProblems(check, "'uidMappings': " + MAP + ", 'gidMappings': " + MAP));
        }

        @Test
        void needsBothMappingsForANewUserNamespace() {
            assertEquals(List.of("/linux/gidMappings: is required to create a new user namespace"),
                    linuxProblems(check, "'namespaces': [{'type': 'user'}], 'uidMappings': " + MAP));
            assertEquals(List.of("/linux/uidMappings: is required to create a new user namespace",
                            "/linux/gidMappings: is required to create a new user namespace"),
                    linuxProblems(check, "'namespaces': [{'type': 'user'}], 'uidMappings': []"));
        }

        @Test
        void acceptsAJoinedUserNamespaceWithOrWithoutMappings() {
            assertEquals(List.of(), linuxProblems(check, "'namespaces': [{'type': 'user', 'path': '/proc/9/ns/user'}]"));
            assertEquals(List.of(), linuxProblems(check, "'namespaces': [{'type': 'user'}], "
                    + "'uidMappings': " + MAP + ", 'gidMappings': " + MAP));
        }
    }

    @Nested
    class TimeOffsets {
        private final Check check = new TimeOffsetsCheck();

        @Test
        void needsANewTimeNamespace() {
            assertEquals(List.of("/linux/timeOffsets: cannot be used without a time namespace "
                            + "(add a \"time\" entry to /linux/namespaces)"),
                    linuxProblems(check, "'timeOffsets': {'monotonic': {'secs': 1}}"));
            assertEquals(List.of("/linux/timeOffsets: cannot be applied to a joined time namespace "
                            + "(/linux/namespaces/1/path is set)"),
                    linuxProblems(check, "'namespaces': [{'type': 'pid'}, {'type': 'time', 'path': '/proc/1/ns/time'}], "
                            + "'timeOffsets': {'boottime': {'secs': 1}}"));
        }

        @Test
        void namesTheClocksThatHaveOffsets() {
            assertEquals(List.of("/linux/timeOffsets/realtime: unknown clock \"realtime\" (allowed: boottime, monotonic)"),
                    linuxProblems(check, "'namespaces': [{'type': 'time'}], 'timeOffsets': {'realtime': {'secs': 1}}"));
        }

        @Test
        void keepsNanosecondsBelowOneSecond() {
            assertEquals(List.of("/linux/timeOffsets/monotonic/nanosecs: must be between 0 and 999999999, got 1000000000"),
                    linuxProblems(check, "'namespaces': [{'type': 'time'}], "
                            + "'timeOffsets': {'monotonic': {'secs': -5, 'nanosecs': 1000000000}}"));
        }
    }

    @Nested
    class Sysctl {
        private final Check check = new SysctlCheck();

        private List<String> sysctl(String namespaces, String key) {
            return linuxProblems(check, "'namespaces': [" + namespaces + "], 'sysctl': {'" + key + "': '1'}");
        }

        @Test
        void allowsIpcSysctlsOnlyWithAnIpcNamespace() {
            assertEquals(List.of(), sysctl("{'type': 'ipc'}", "kernel.shmmax"));
            assertEquals(List.of(), sysctl("{'type': 'ipc'}", "fs.mqueue.msg_max"));
            assertEquals(List.of("/linux/sysctl/kernel.msgmax: cannot be used without an IPC namespace "
                    + "(add an \"ipc\" entry to /linux/namespaces)"), sysctl("{'type': 'uts'}", "kernel.msgmax"));
        }

        @Test
        void allowsNetSysctlsOnlyWithANetworkNamespace() {
            assertEquals(List.of(), sysctl("{'type': 'network'}", "net.ipv4.ip_forward"));
            assertEquals(List.of(), sysctl("{'type': 'network', 'path': '/var/run/netns/x'}", "net.core.somaxconn"));
            assertEquals(List.of("/linux/sysctl/net.ipv4.ip_forward: cannot be used without a network namespace "
                    + "(add a \"network\" entry to /linux/namespaces)"), sysctl("", "net.ipv4.ip_forward"));
        }

        @Test
        void readsSlashSeparatedKeysLikeSysctl8() {
            assertEquals("net.ipv4.conf.eth0/100.forwarding", SysctlCheck.dotted("net/ipv4/conf/eth0.100/forwarding"));
            assertEquals("kernel.shmmax", SysctlCheck.dotted("kernel.shmmax"));
            assertEquals(List.of("/linux/sysctl/net~1ipv4~1ip_forward: cannot be used without a network namespace "
                    + "(add a \"network\" entry to /linux/namespaces)"), sysctl("{'type': 'ipc'}", "net/ipv4/ip_forward"));
            assertEquals(List.of(), sysctl("{'type': 'ipc'}", "kernel/sem"));
        }

        @Test
        void allowsTheDomainnameWithAUtsNamespaceButNeverTheHostname() {
            assertEquals(List.of(), sysctl("{'type': 'uts'}", "kernel.domainname"));
            assertEquals(List.of("/linux/sysctl/kernel.domainname: cannot be used without a UTS namespace "
                    + "(add a \"uts\" entry to /linux/namespaces)"), sysctl("", "kernel.domainname"));
            assertEquals(List.of("/linux/sysctl/kernel.hostname: conflicts with /hostname: set the hostname there"),
                    sysctl("{'type': 'uts'}", "kernel.hostname"));
        }

        @Test
        void refusesSysctlsNoNamespaceScopes() {
            assertEquals(List.of("/linux/sysctl/vm.swappiness: not namespaced, a container may not set it "
                            + "(allowed: fs.mqueue.*, kernel.domainname, kernel.msgmax, kernel.msgmnb, kernel.msgmni, "
                            + "kernel.sem, kernel.shm_rmid_forced, kernel.shmall, kernel.shmmax, kernel.shmmni, net.*)"),
                    sysctl("{'type': 'ipc'}, {'type': 'network'}, {'type': 'uts'}", "vm.swappiness"));
        }
    }

    @Nested
    class NetDevices {
        private final Check check = new NetDevicesCheck();

        @Test
        void acceptsValidNamesWithANetworkNamespace() {
            assertEquals(List.of(), linuxProblems(check, "'namespaces': [{'type': 'network'}], "
                    + "'netDevices': {'eth0': {'name': 'ctr_eth0'}, 'ens4': {}, 'veth%d': {'name': 'eth%d'}}"));
        }

        @Test
        void needsANetworkNamespace() {
            assertEquals(List.of("/linux/netDevices: cannot be used without a network namespace "
                            + "(add a \"network\" entry to /linux/namespaces)"),
                    linuxProblems(check, "'netDevices': {'eth0': {}}"));
        }

        @Test
        void refusesNamesTheKernelRefuses() {
            assertEquals(List.of(
                            "/linux/netDevices/a~1b: not a valid interface name: \"a/b\" "
                                    + "(1 to 15 characters, not \".\" or \"..\", no \"/\", \":\" or spaces)",
                            "/linux/netDevices/eth0/name: not a valid interface name: \"a-name-of-16chars\" "
                                    + "(1 to 15 characters, not \".\" or \"..\", no \"/\", \":\" or spaces)"),
                    linuxProblems(check, "'namespaces': [{'type': 'network'}], "
                            + "'netDevices': {'a/b': {}, 'eth0': {'name': 'a-name-of-16chars'}}"));
            assertEquals(false, NetDevicesCheck.validName(".."));
            assertEquals(false, NetDevicesCheck.validName("eth 0"));
            assertEquals(false, NetDevicesCheck.validName("eth:0"));
            assertEquals(false, NetDevicesCheck.validName(""));
            assertEquals(true, NetDevicesCheck.validName("123456789012345"));
        }
    }
}
