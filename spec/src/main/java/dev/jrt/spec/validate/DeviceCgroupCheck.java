package dev.jrt.spec.validate;

import dev.jrt.spec.model.Known;
import dev.jrt.spec.model.LinuxDeviceCgroup;
import dev.jrt.spec.model.Spec;

import java.util.ArrayList;
import java.util.List;

/** {@code linux.resources.devices}: type a, b or c and access made of r, w and m. */
final class DeviceCgroupCheck implements Check {

    @Override
    public List<Problem> check(Spec spec) {
        List<LinuxDeviceCgroup> rules = spec.linux() == null || spec.linux().resources() == null
                ? null : spec.linux().resources().devices();
        if (rules == null) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            LinuxDeviceCgroup rule = rules.get(i);
            if (rule == null) {
                continue;
            }
            String type = rule.type();
            if (type != null && !type.isEmpty() && !Known.DEVICE_CGROUP_TYPES.contains(type)) {
                problems.add(new Problem(Pointer.of("linux", "resources", "devices", i, "type"),
                        Messages.unknown("device type", type, Known.DEVICE_CGROUP_TYPES)));
            }
            String access = rule.access();
            if (access != null && !access.chars().allMatch(c -> c == 'r' || c == 'w' || c == 'm')) {
                problems.add(new Problem(Pointer.of("linux", "resources", "devices", i, "access"),
                        "must be made of r, w and m, got " + Messages.quote(access)));
            }
        }
        return problems;
    }
}
