package dev.jrt.runtime.container;

import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.state.FileStateStore;
import java.nio.file.Path;
import java.util.Map;

final class CgroupPaths {
    private CgroupPaths() {}

    static Map<String, String> of(Path stateRoot, ContainerId id) {
        return new FileStateStore(stateRoot).load(id).cgroupPaths();
    }
}
