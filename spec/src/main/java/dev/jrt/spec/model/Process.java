package dev.jrt.spec.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** The container process: what {@code start} executes, with its identity and limits. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Process(
        Boolean terminal,
        ConsoleSize consoleSize,
        User user,
        List<String> args,
        String commandLine,
        List<String> env,
        String cwd,
        LinuxCapabilities capabilities,
        List<PosixRlimit> rlimits,
        Boolean noNewPrivileges,
        String apparmorProfile,
        Integer oomScoreAdj,
        Scheduler scheduler,
        String selinuxLabel,
        LinuxIoPriority ioPriority,
        @JsonProperty("execCPUAffinity") CpuAffinity execCpuAffinity) {

    public Process withEnv(List<String> newEnv) {
        return new Process(terminal, consoleSize, user, args, commandLine, newEnv, cwd, capabilities, rlimits,
                noNewPrivileges, apparmorProfile, oomScoreAdj, scheduler, selinuxLabel, ioPriority, execCpuAffinity);
    }
}
