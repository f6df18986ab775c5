package dev.jrt.spec.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/** The {@code linux} section of {@code config.json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Linux(
        List<LinuxIdMapping> uidMappings,
        List<LinuxIdMapping> gidMappings,
        Map<String, LinuxTimeOffset> timeOffsets,
        Map<String, String> sysctl,
        LinuxResources resources,
        String cgroupsPath,
        List<LinuxNamespace> namespaces,
        List<LinuxDevice> devices,
        Map<String, LinuxNetDevice> netDevices,
        LinuxSeccomp seccomp,
        String rootfsPropagation,
        List<String> maskedPaths,
        List<String> readonlyPaths,
        String mountLabel,
        LinuxIntelRdt intelRdt,
        LinuxMemoryPolicy memoryPolicy,
        LinuxPersonality personality) {

    public Linux withNamespaces(List<LinuxNamespace> newNamespaces) {
        return new Linux(uidMappings, gidMappings, timeOffsets, sysctl, resources, cgroupsPath, newNamespaces,
                devices, netDevices, seccomp, rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt,
                memoryPolicy, personality);
    }

    public Linux withIdMappings(List<LinuxIdMapping> newUidMappings, List<LinuxIdMapping> newGidMappings) {
        return new Linux(newUidMappings, newGidMappings, timeOffsets, sysctl, resources, cgroupsPath, namespaces,
                devices, netDevices, seccomp, rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt,
                memoryPolicy, personality);
    }

    public Linux withResources(LinuxResources newResources) {
        return new Linux(uidMappings, gidMappings, timeOffsets, sysctl, newResources, cgroupsPath, namespaces,
                devices, netDevices, seccomp, rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt,
                memoryPolicy, personality);
    }
}
