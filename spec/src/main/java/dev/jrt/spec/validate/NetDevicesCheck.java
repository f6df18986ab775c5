package dev.jrt.spec.validate;

import dev.jrt.spec.model.LinuxNetDevice;
import dev.jrt.spec.model.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code linux.netDevices} move host interfaces into the container's network namespace, so
 * one is needed; host and new names must be names the kernel accepts (dev_valid_name: 1 to
 * 15 bytes, not "." or "..", no "/", ":" or white space).
 */
final class NetDevicesCheck implements Check {

    private static final int MAX_NAME_LENGTH = 15;

    @Override
    public List<Problem> check(Spec spec) {
        Map<String, LinuxNetDevice> devices = spec.linux() == null ? null : spec.linux().netDevices();
        if (devices == null || devices.isEmpty()) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        if (!Namespaces.of(spec).has("network")) {
            problems.add(new Problem("/linux/netDevices", Messages.needsNamespace("network")));
        }
        for (Map.Entry<String, LinuxNetDevice> entry : devices.entrySet()) {
            if (!validName(entry.getKey())) {
                problems.add(new Problem(Pointer.of("linux", "netDevices", entry.getKey()),
                        invalidName(entry.getKey())));
            }
            String newName = entry.getValue() == null ? null : entry.getValue().name();
            if (newName != null && !validName(newName)) {
                problems.add(new Problem(Pointer.of("linux", "netDevices", entry.getKey(), "name"),
                        invalidName(newName)));
            }
        }
        return problems;
    }

    static boolean validName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.equals(".") || name.equals("..")) {
            return false;
        }
        return name.chars().noneMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c));
    }

    private static String invalidName(String name) {
        return "not a valid interface name: " + Messages.quote(name)
                + " (1 to 15 characters, not \".\" or \"..\", no \"/\", \":\" or spaces)";
    }
}
