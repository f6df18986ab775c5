package dev.jrt.runtime.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The owner column of `list`: the user name of the state directory's owner, from the host's passwd. */
final class Owners {
    private Owners() {}

    static String ownerOf(Path dir) {
        try {
            Object uid = Files.getAttribute(dir, "unix:uid");
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 2 && f[2].equals(uid.toString())) {
                    return f[0];
                }
            }
            return "#" + uid;
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }
}
