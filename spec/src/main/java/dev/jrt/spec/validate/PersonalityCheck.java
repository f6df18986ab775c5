package dev.jrt.spec.validate;

import dev.jrt.spec.model.Known;
import dev.jrt.spec.model.LinuxPersonality;
import dev.jrt.spec.model.Spec;

import java.util.ArrayList;
import java.util.List;

/** {@code linux.personality}: domain LINUX or LINUX32; the spec defines no flags yet, so any flag is refused. */
final class PersonalityCheck implements Check {

    @Override
    public List<Problem> check(Spec spec) {
        LinuxPersonality personality = spec.linux() == null ? null : spec.linux().personality();
        if (personality == null) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        String domain = personality.domain();
        if (domain == null || domain.isEmpty()) {
            problems.add(new Problem("/linux/personality/domain", "is required"));
        } else if (!Known.PERSONALITY_DOMAINS.contains(domain)) {
            problems.add(new Problem("/linux/personality/domain",
                    Messages.unknown("domain", domain, Known.PERSONALITY_DOMAINS)));
        }
        List<String> flags = personality.flags();
        for (int i = 0; flags != null && i < flags.size(); i++) {
            problems.add(new Problem(Pointer.of("linux", "personality", "flags", i),
                    "unknown flag " + Messages.quote(String.valueOf(flags.get(i))) + " (no flags are supported)"));
        }
        return problems;
    }
}
