package dev.jrt.runtime.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.runtime.log.LogSink;
import dev.jrt.runtime.sys.LibSeccomp;
import dev.jrt.spec.model.LinuxSeccomp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeccompCacheTest {
    @TempDir
    Path root;

    private static final String RULES = "\"syscalls\": [{\"names\": [\"mkdir\"], \"action\": \"SCMP_ACT_ERRNO\"}]";

    @Test
    void theKeyIgnoresFieldOrderButNotContentOrLibrary() {
        LinuxSeccomp a = SeccompCompilerTest.seccomp("{\"defaultAction\": \"SCMP_ACT_ALLOW\", " + RULES + "}");
        LinuxSeccomp b = SeccompCompilerTest.seccomp("{" + RULES + ", \"defaultAction\": \"SCMP_ACT_ALLOW\"}");
        LinuxSeccomp c = SeccompCompilerTest.seccomp("{\"defaultAction\": \"SCMP_ACT_LOG\", " + RULES + "}");
        assertEquals(SeccompCache.key(a, "/lib/libseccomp.so.2.5.4"), SeccompCache.key(b, "/lib/libseccomp.so.2.5.4"));
        assertNotEquals(SeccompCache.key(a, "/lib/libseccomp.so.2.5.4"), SeccompCache.key(c, "/lib/libseccomp.so.2.5.4"));
        assertNotEquals(SeccompCache.key(a, "/lib/libseccomp.so.2.5.4"), SeccompCache.key(a, "/lib/libseccomp.so.2.6.0"));
    }

    @Test
    void theKeySeesEveryFieldOfARule() {
        String base = "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [%s], \"action\": \"SCMP_ACT_ERRNO\""
                + ", \"args\": [{\"index\": 0, \"value\": %s, \"op\": \"SCMP_CMP_EQ\"}]}]}";
        String lib = "/lib/libseccomp.so.2.5.4";
        String a = SeccompCache.key(SeccompCompilerTest.seccomp(base.formatted("\"ab\", \"c\"", "1")), lib);
        assertEquals(a, SeccompCache.key(SeccompCompilerTest.seccomp(base.formatted("\"ab\", \"c\"", "1")), lib));
        assertNotEquals(a, SeccompCache.key(SeccompCompilerTest.seccomp(base.formatted("\"a\", \"bc\"", "1")), lib));
        assertNotEquals(a, SeccompCache.key(SeccompCompilerTest.seccomp(base.formatted("\"ab\", \"c\"", "2")), lib));
        assertNotEquals(a, SeccompCache.key(SeccompCompilerTest.seccomp(
                base.formatted("\"ab\", \"c\"", "1").replace("SCMP_CMP_EQ", "SCMP_CMP_NE")), lib));
    }

    @Test
    void aSecondPrepareReadsTheCacheAndAPartialEntryIsIgnored() throws Exception {
        Assumptions.assumeTrue(LibSeccomp.available());
        LinuxSeccomp s = SeccompCompilerTest.seccomp("{\"defaultAction\": \"SCMP_ACT_ALLOW\", " + RULES + "}");
        byte[] first = ProcessSecurity.program(s, root, LogSink.NONE);
        SeccompCache cache = new SeccompCache(root);
        String key = SeccompCache.key(s, LibSeccomp.location().orElseThrow().toString());
        assertArrayEquals(first, cache.get(key).orElseThrow());
        Path file = cache.file(key);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        // a marker program in the cache is what the next create uses: proof that it was not recompiled
        byte[] marker = {6, 0, 0, 0, 0, 0, (byte) 0xff, 0x7f};
        cache.put(key, marker);
        assertArrayEquals(marker, ProcessSecurity.program(s, root, LogSink.NONE));
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 3));
        assertArrayEquals(first, ProcessSecurity.program(s, root, LogSink.NONE));
        assertTrue(Files.size(file) > first.length);
    }

    @Test
    void anEntryOfAnotherKeyUnderTheSameNameIsAMiss() throws Exception {
        SeccompCache cache = new SeccompCache(root);
        LinuxSeccomp a = SeccompCompilerTest.seccomp("{\"defaultAction\": \"SCMP_ACT_ALLOW\", " + RULES + "}");
        LinuxSeccomp b = SeccompCompilerTest.seccomp("{\"defaultAction\": \"SCMP_ACT_LOG\", " + RULES + "}");
        String keyA = SeccompCache.key(a, "/lib/libseccomp.so.2.5.4");
        String keyB = SeccompCache.key(b, "/lib/libseccomp.so.2.5.4");
        byte[] program = {6, 0, 0, 0, 0, 0, (byte) 0xff, 0x7f};
        cache.put(keyB, program);
        // as if B's hash collided with A's: B's entry sits where A's would be
        Files.move(cache.file(keyB), cache.file(keyA));
        assertTrue(cache.get(keyA).isEmpty(), "an entry made for another profile was used");
        Files.move(cache.file(keyA), cache.file(keyB));
        assertArrayEquals(program, cache.get(keyB).orElseThrow());
    }
}
