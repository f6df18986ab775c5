package dev.jrt.runtime.api;

public class ContainerNotFoundException extends OciRuntimeException {
    public ContainerNotFoundException(String id) {
        super("container \"" + id + "\" does not exist");
    }
}
