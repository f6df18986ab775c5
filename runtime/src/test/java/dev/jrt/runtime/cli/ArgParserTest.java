package dev.jrt.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgParserTest {
    private static final List<FlagSpec> FLAGS = List.of(
            FlagSpec.value("bundle", "b"), FlagSpec.value("pid-file"), FlagSpec.bool("detach", "d"),
            FlagSpec.bool("no-subreaper"), FlagSpec.list("env", "e"));

    @Test
    void acceptsTheFormsContainerdAndConmonUse() {
        ParsedArgs a = ArgParser.parse("run", FLAGS,
                List.of("--bundle", "/b", "--pid-file=/p", "-d", "-no-subreaper", "-e", "A=1", "--env=B=2", "id"), false);
        assertEquals("/b", a.value("bundle"));
        assertEquals("/p", a.value("pid-file"));
        assertTrue(a.bool("detach"));
        assertTrue(a.bool("no-subreaper"));
        assertEquals(List.of("A=1", "B=2"), a.values("env"));
        assertEquals(List.of("id"), a.positionals());
    }

    @Test
    void booleanFlagsTakeAnExplicitValue() {
        assertFalse(ArgParser.parse("run", FLAGS, List.of("--detach=false", "x"), false).bool("detach"));
        UsageException e = assertThrows(UsageException.class,
                () -> ArgParser.parse("run", FLAGS, List.of("--detach=yes"), false));
        assertEquals("run: invalid boolean value \"yes\" for -detach", e.getMessage());
    }

    @Test
    void flagsMayFollowTheIdUnlessParsingStopsAtIt() {
        assertEquals("/b", ArgParser.parse("create", FLAGS, List.of("id", "-b", "/b"), false).value("bundle"));
        ParsedArgs exec = ArgParser.parse("exec", FLAGS, List.of("-d", "id", "sh", "-b", "x"), true);
        assertEquals(List.of("id", "sh", "-b", "x"), exec.positionals());
    }

    @Test
    void unknownFlagAndMissingValueAreNamed() {
        assertEquals("create: flag provided but not defined: -bogus", assertThrows(UsageException.class,
                () -> ArgParser.parse("create", FLAGS, List.of("--bogus", "id"), false)).getMessage());
        assertEquals("create: flag needs an argument: -bundle", assertThrows(UsageException.class,
                () -> ArgParser.parse("create", FLAGS, List.of("--bundle"), false)).getMessage());
    }

    @Test
    void doubleDashEndsFlags() {
        assertEquals(List.of("id", "-d"), ArgParser.parse("x", FLAGS, List.of("id", "--", "-d"), false).positionals());
    }

    @Test
    void globalFlagsEndAtTheCommandName() {
        assertEquals(4, GlobalOptions.commandIndex(List.of("--root", "/r", "--log-format=json", "--debug", "state", "x")));
        assertEquals(2, GlobalOptions.commandIndex(List.of("--systemd-cgroup", "-debug", "kill")));
    }
}
