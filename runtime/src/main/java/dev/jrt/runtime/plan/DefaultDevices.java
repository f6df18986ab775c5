package dev.jrt.runtime.plan;

import java.util.List;

/** The devices every container gets (config-linux.md, "Default Devices"), and /dev's links. */
final class DefaultDevices {
    record Device(String path, int major, int minor) {}

    static final List<Device> DEVICES = List.of(
            new Device("/dev/null", 1, 3), new Device("/dev/zero", 1, 5), new Device("/dev/full", 1, 7),
            new Device("/dev/random", 1, 8), new Device("/dev/urandom", 1, 9), new Device("/dev/tty", 5, 0));

    /** link name to target */
    static final List<String[]> LINKS = List.of(
            new String[] {"/dev/fd", "/proc/self/fd"}, new String[] {"/dev/stdin", "/proc/self/fd/0"},
            new String[] {"/dev/stdout", "/proc/self/fd/1"}, new String[] {"/dev/stderr", "/proc/self/fd/2"},
            new String[] {"/dev/ptmx", "pts/ptmx"});

    private DefaultDevices() {}
}
