package dev.jrt.spec.validate;

/** Builds RFC 6901 JSON pointers: {@code Pointer.of("linux", "sysctl", "net/ipv4")} is {@code /linux/sysctl/net~1ipv4}. */
final class Pointer {

    private Pointer() {
    }

    static String of(Object... tokens) {
        StringBuilder pointer = new StringBuilder();
        for (Object token : tokens) {
            pointer.append('/').append(String.valueOf(token).replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }
}
