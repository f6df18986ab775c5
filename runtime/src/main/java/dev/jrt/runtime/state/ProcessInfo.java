package dev.jrt.runtime.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about a host process read from /proc/PID/stat. */
public record ProcessInfo(int pid, char state, int ppid, long startTime) {

    /** The process, or null when it does not exist (any more). */
    public static ProcessInfo read(int pid) {
        if (pid <= 0) {
            return null;
        }
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        // the command name (field 2) is in parentheses and may itself contain spaces or ')'
        int close = stat.lastIndexOf(')');
        String[] fields = stat.substring(close + 2).split(" ");
        // fields[0] is field 3 (state), fields[1] field 4 (ppid); field 22 (starttime) is fields[19]
        return new ProcessInfo(pid, fields[0].charAt(0), Integer.parseInt(fields[1]), Long.parseLong(fields[19]));
    }

    /** Alive and not a zombie: a zombie init has exited, its container is stopped. */
    public boolean running() {
        return state != 'Z' && state != 'X';
    }
}
