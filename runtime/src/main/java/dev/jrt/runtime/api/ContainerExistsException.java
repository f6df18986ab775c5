package dev.jrt.runtime.api;

public class ContainerExistsException extends OciRuntimeException {
    public ContainerExistsException(String id) {
        super("container \"" + id + "\" already exists");
    }
}
