package dev.jrt.runtime.api;

/** An operation the container's current status does not allow, e.g. start of a running container. */
public class IllegalStateTransitionException extends OciRuntimeException {
    private final ContainerStatus status;

    public IllegalStateTransitionException(String message, ContainerStatus status) {
        super(message);
        this.status = status;
    }

    public ContainerStatus status() {
        return status;
    }
}
