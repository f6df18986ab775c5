package dev.jrt.spec.validate;

import dev.jrt.spec.model.Spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The semantic checks of a {@code config.json} that has the right shape (see
 * {@link dev.jrt.spec.schema.ConfigSchema}): what the runtime-spec says a runtime MUST refuse,
 * what runc refuses, and what the kernel would refuse later with a worse message. None of the
 * checks looks at the host; those are the runtime's. docs/validation.md lists the rules.
 */
public final class SpecValidator {

    private SpecValidator() {
    }

    /** In the order a reader meets the fields in a config.json. */
    static final List<Check> CHECKS = List.of(
            new OciVersionCheck(),
            new RootCheck(),
            new ProcessCheck(),
            new RlimitsCheck(),
            new SchedulerCheck(),
            new IoPriorityCheck(),
            new UtsCheck(),
            new MountsCheck(),
            new HooksCheck(),
            new NamespacesCheck(),
            new UserNamespaceCheck(),
            new TimeOffsetsCheck(),
            new SysctlCheck(),
            new CgroupsPathCheck(),
            new DeviceCgroupCheck(),
            new DevicesCheck(),
            new NetDevicesCheck(),
            new SeccompCheck(),
            new RootfsPropagationCheck(),
            new ProtectedPathsCheck(),
            new IntelRdtCheck(),
            new MemoryPolicyCheck(),
            new PersonalityCheck());

    /** Every problem of {@code spec}; empty when jrt can create a container from it. */
    public static List<Problem> validate(Spec spec) {
        List<Problem> problems = new ArrayList<>();
        for (Check check : CHECKS) {
            problems.addAll(check.check(spec));
        }
        return problems;
    }

    /** Things that are accepted but deprecated, for the runtime to log as warnings. */
    public static List<Problem> warnings(Spec spec) {
        return MountsCheck.warnings(spec);
    }
}
