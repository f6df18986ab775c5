package dev.jrt.spec.validate;

import dev.jrt.spec.model.Known;
import dev.jrt.spec.model.LinuxDevice;
import dev.jrt.spec.model.Spec;

import java.util.ArrayList;
import java.util.List;

/** {@code linux.devices}: a known node type, an absolute path, and major/minor unless it is a fifo. */
final class DevicesCheck implements Check {

    @Override
    public List<Problem> check(Spec spec) {
        List<LinuxDevice> devices = spec.linux() == null ? null : spec.linux().devices();
        if (devices == null) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            LinuxDevice device = devices.get(i);
            if (device == null) {
                continue;
            }
            String type = device.type();
            if (!Known.DEVICE_TYPES.contains(type)) {
                problems.add(new Problem(Pointer.of("linux", "devices", i, "type"),
                        Messages.unknown("device type", String.valueOf(type), Known.DEVICE_TYPES)));
            } else if (!type.equals("p")) {
                if (device.major() == null) {
                    problems.add(new Problem(Pointer.of("linux", "devices", i, "major"),
                            "is required for device type " + Messages.quote(type)));
                }
                if (device.minor() == null) {
                    problems.add(new Problem(Pointer.of("linux", "devices", i, "minor"),
                            "is required for device type " + Messages.quote(type)));
                }
            }
            String path = device.path();
            if (path == null || path.isEmpty()) {
                problems.add(new Problem(Pointer.of("linux", "devices", i, "path"), "is required"));
            } else if (!Messages.isAbsolute(path)) {
                problems.add(new Problem(Pointer.of("linux", "devices", i, "path"), Messages.notAbsolute(path)));
            }
        }
        return problems;
    }
}
