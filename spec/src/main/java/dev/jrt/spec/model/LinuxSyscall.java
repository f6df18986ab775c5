package dev.jrt.spec.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** One seccomp rule: an action for some syscalls, optionally only for matching arguments. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LinuxSyscall(List<String> names, String action, Long errnoRet, List<LinuxSeccompArg> args) {
}
