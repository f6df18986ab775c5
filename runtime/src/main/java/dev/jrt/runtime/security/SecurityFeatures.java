package dev.jrt.runtime.security;

import dev.jrt.runtime.sys.LibSeccomp;
import dev.jrt.runtime.sys.SeccompKernel;
import dev.jrt.spec.features.Features;
import dev.jrt.spec.model.Known;
import java.util.ArrayList;
import java.util.List;

/** The seccomp part of {@code jrt features}: what this build and this host's libseccomp and kernel do. */
public final class SecurityFeatures {
    private SecurityFeatures() {}

    /** Disabled without libseccomp; otherwise the names jrt maps, the architectures libseccomp knows. */
    public static Features.Seccomp seccomp() {
        if (!LibSeccomp.available()) {
            return new Features.Seccomp(false, null, null, null, null, null);
        }
        List<String> archs = new ArrayList<>();
        for (String a : Known.SECCOMP_ARCHITECTURES) {
            if (LibSeccomp.resolveArch(SeccompCompiler.archName(a)) != 0) {
                archs.add(a);
            }
        }
        // NOTIFY needs a kernel that gives a filter a listener (SECCOMP_FILTER_FLAG_NEW_LISTENER, Linux 5.0)
        boolean notify = SeccompKernel.flagsSupported(SeccompFlags.NEW_LISTENER);
        List<String> actions = Known.SECCOMP_ACTIONS.stream()
                .filter(a -> notify || !a.equals(SeccompNotify.NOTIFY)).sorted().toList();
        return new Features.Seccomp(true, actions, SeccompCompiler.OPERATORS.keySet().stream().sorted().toList(),
                archs, SeccompFlags.known(), SeccompFlags.supported());
    }
}
