package dev.jrt.runtime.security;

import dev.jrt.runtime.log.LogSink;
import dev.jrt.runtime.plan.SecurityInput;
import dev.jrt.runtime.sys.LibSeccomp;
import dev.jrt.spec.model.LinuxCapabilities;
import dev.jrt.spec.model.LinuxSeccomp;
import dev.jrt.spec.model.Spec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parent-side security work of create, before anything is made: warn about capabilities
 * that cannot be granted, refuse hard rlimits jrt cannot raise, check the LSM labels asked for,
 * compile the seccomp profile (or take it from the cache). The result feeds the planner.
 */
public final class ProcessSecurity {
    private ProcessSecurity() {}

    public static SecurityInput prepare(Spec spec, Path stateRoot, LogSink log) {
        long bounding = HostSecurity.ownCapabilities("CapBnd");
        warnCapabilities(spec.process() == null ? null : spec.process().capabilities(), bounding, log);
        if (spec.process() != null) {
            boolean newUserns = spec.linux() != null && spec.linux().namespaces() != null
                    && spec.linux().namespaces().stream().anyMatch(n -> n.type().equals("user") && !n.joins());
            boolean canRaise = !newUserns
                    && (HostSecurity.ownCapabilities("CapEff") >> RlimitPolicy.CAP_SYS_RESOURCE & 1) == 1;
            RlimitPolicy.check(spec.process().rlimits(), RlimitPolicy.ownHardLimits(), canRaise);
        }
        LinuxSeccomp seccomp = spec.linux() == null ? null : spec.linux().seccomp();
        byte[] program = null;
        int flags = 0;
        if (seccomp != null) {
            SeccompNotify.check(seccomp);
            program = program(seccomp, stateRoot, log);
            flags = SeccompFlags.of(seccomp.flags(), SeccompNotify.usesListener(seccomp));
        }
        return new SecurityInput(program, flags, bounding, HostSecurity.apparmorEnabled(), HostSecurity.selinuxEnabled());
    }

    static byte[] program(LinuxSeccomp seccomp, Path stateRoot, LogSink log) {
        Optional<Path> lib = LibSeccomp.location();
        if (lib.isEmpty()) {
            return SeccompCompiler.compile(seccomp, name -> {}); // fails, saying libseccomp is missing
        }
        SeccompCache cache = new SeccompCache(stateRoot);
        String key = SeccompCache.key(seccomp, lib.get().toString());
        Optional<byte[]> cached = cache.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        byte[] program = SeccompCompiler.compile(seccomp,
                name -> log.debug("seccomp: libseccomp does not know syscall " + name + ": skipped"));
        cache.put(key, program);
        return program;
    }

    /** config.md: capabilities that cannot be mapped or granted are logged as warnings; create goes on without them. */
    static void warnCapabilities(LinuxCapabilities caps, long hostBounding, LogSink log) {
        if (caps == null) {
            return;
        }
        Map<String, List<String>> sets = new java.util.LinkedHashMap<>();
        sets.put("bounding", caps.bounding());
        sets.put("effective", caps.effective());
        sets.put("inheritable", caps.inheritable());
        sets.put("permitted", caps.permitted());
        sets.put("ambient", caps.ambient());
        sets.forEach((set, names) -> {
            for (int i = 0; names != null && i < names.size(); i++) {
                String name = names.get(i);
                int bit = Capabilities.number(name);
                String where = "config.json: /process/capabilities/" + set + "/" + i + ": ";
                if (bit < 0) {
                    log.warn(where + "unknown capability \"" + name + "\" ignored");
                } else if ((hostBounding >> bit & 1) == 0) {
                    log.warn(where + name + " is not in this host's capability bounding set and cannot be granted:"
                            + " left out");
                } else if (set.equals("ambient") && !(contains(caps.inheritable(), name) && contains(caps.permitted(), name))) {
                    log.warn(where + name + " is not also inheritable and permitted, which the kernel requires"
                            + " of an ambient capability: left out, as runc does");
                }
            }
        });
    }

    private static boolean contains(List<String> names, String name) {
        return names != null && names.contains(name);
    }
}
