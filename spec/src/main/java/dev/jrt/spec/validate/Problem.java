package dev.jrt.spec.validate;

/**
 * One thing wrong with a document: where (an RFC 6901 JSON pointer, "" for the whole
 * document) and what, in words a user can act on.
 */
public record Problem(String pointer, String message) {

    /** {@code /linux/namespaces/2/type: unknown namespace "pidd" (allowed: ...)} */
    public String format() {
        return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
