package dev.jrt.runtime.rootfs;

/** A tarball that cannot be unpacked safely or at all; the message names the entry. */
public final class UnpackException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnpackException(String message) {
        super(message);
    }

    public UnpackException(String message, Throwable cause) {
        super(message, cause);
    }

    private boolean tooBig;

    /** The tree would be larger than allowed. */
    public UnpackException(String message, boolean tooBig) {
        super(message);
        this.tooBig = tooBig;
    }

    public boolean tooBig() {
        return tooBig;
    }
}
