package dev.jrt.conformance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.conformance.Requirement;
import dev.jrt.conformance.support.BundleBuilder;
import dev.jrt.conformance.support.CliResult;
import dev.jrt.conformance.support.ConformanceTest;
import dev.jrt.conformance.support.Fixtures;
import dev.jrt.conformance.support.Sandbox;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * config.md "Process": terminal and consoleSize, through runc's console-socket protocol (the
 * runtime sends the pty master over the socket named by --console-socket).
 */
@ConformanceTest
class TerminalTest {

    private static String runOnTerminal(Sandbox sb, BundleBuilder bundle) throws Exception {
        Path socket = sb.dir().resolve("tty.sock");
        Path out = sb.dir().resolve("tty.out");
        Process recvtty = new ProcessBuilder(Fixtures.recvtty().toString(), socket.toString(), out.toString())
                .redirectErrorStream(true).start();
        sb.onClose(recvtty::destroyForcibly);
        BufferedReader lines = new BufferedReader(new InputStreamReader(recvtty.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", lines.readLine(), "recvtty did not start");
        String id = sb.newId();
        CliResult create = sb.cli().exec("create", "--bundle", bundle.build().dir().toString(),
                "--console-socket", socket.toString(), id);
        assertTrue(create.ok(), create::describe);
        CliResult start = sb.cli().exec("start", id);
        assertTrue(start.ok(), start::describe);
        assertTrue(recvtty.waitFor(20, TimeUnit.SECONDS), "the terminal never closed");
        return Files.readString(out).replace("\r", "");
    }

    @Test
    @Requirement(file = "config.md", heading = "Process",
            text = "terminal (bool, OPTIONAL) specifies whether a terminal is attached to the process")
    void theProcessRunsOnATerminal(Sandbox sb) throws Exception {
        String out = runOnTerminal(sb, sb.bundle().terminal(true)
                .shell("test -t 0 && echo stdin-tty; test -t 1 && echo stdout-tty; tty"));
        assertTrue(out.contains("stdin-tty\nstdout-tty\n/dev/pts/"), out);
    }

    @Test
    @Requirement(file = "config.md", heading = "Process",
            text = "consoleSize (object, OPTIONAL) specifies the console size in characters of the terminal")
    void theConsoleHasTheConfiguredSize(Sandbox sb) throws Exception {
        BundleBuilder b = sb.bundle().terminal(true).shell("stty size");
        b.process().putObject("consoleSize").put("height", 30).put("width", 100);
        String out = runOnTerminal(sb, b);
        assertEquals("30 100\n", out);
    }

    @Test
    @Requirement(file = "config.md", heading = "Process",
            text = "terminal: a runtime that cannot attach a terminal (no console socket to send it to) must fail rather than run the process without one")
    void aTerminalWithoutAConsoleSocketFailsCreate(Sandbox sb) {
        CliResult create = sb.cli().exec("create", "--bundle", sb.bundle().terminal(true).shell("true").build().dir().toString(),
                sb.newId());
        assertFalse(create.ok(), create::describe);
    }
}
