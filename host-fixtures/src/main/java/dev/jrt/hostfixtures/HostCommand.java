package dev.jrt.hostfixtures;

import java.io.IOException;
import java.util.List;

/** Runs a host command (ip, rdma, mount, ...) for a fixture; its output goes into the error. */
public final class HostCommand {
    private HostCommand() {
    }

    public static void run(List<String> cmd) throws IOException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + cmd, e);
        }
    }
}
