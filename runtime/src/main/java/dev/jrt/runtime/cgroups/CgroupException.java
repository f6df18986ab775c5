package dev.jrt.runtime.cgroups;

import dev.jrt.runtime.api.OciRuntimeException;

public class CgroupException extends OciRuntimeException {
    public CgroupException(String message) {
        super(message);
    }

    public CgroupException(String message, Throwable cause) {
        super(message, cause);
    }
}
