package dev.jrt.runtime.api;

public class InvalidIdException extends OciRuntimeException {
    public InvalidIdException(String message) {
        super(message);
    }
}
