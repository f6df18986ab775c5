package dev.jrt.runtime.api;

import java.util.regex.Pattern;

/**
 * A container id that is safe to use as a single path component: runc's rule
 * ({@code ^[\w+-\.]+$}) and never "." or "..".
 */
public record ContainerId(String value) {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_+.\\-]+");

    public ContainerId {
        if (value == null || value.isEmpty()) {
            throw new InvalidIdException("container id cannot be empty");
        }
        if (value.length() > 1024 || !VALID.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw new InvalidIdException("invalid container id \"" + value
                    + "\": use letters, digits and _ + - . (not \".\" or \"..\")");
        }
    }

    public static ContainerId of(String value) {
        return new ContainerId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
