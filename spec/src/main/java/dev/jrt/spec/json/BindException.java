package dev.jrt.spec.json;

/** A JSON value the model cannot hold, at a JSON pointer ({@code ""} for the document). */
public final class BindException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String pointer;

    public BindException(String pointer, String message) {
        super(message);
        this.pointer = pointer;
    }

    public String pointer() {
        return pointer;
    }
}
