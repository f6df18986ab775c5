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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeccompCacheTest {
    @TempDir
    Path root;

    private static final String RULES = "\"syscalls\": [{\"names\": [\"mkdir\"], \"action\": \"SCMP_ACT_ERRNO\"}]";

    @Test
    void theDigestIgnoresFieldOrderButNotContentOrLibrary() {
        LinuxSeccomp a = SeccompCompilerTest.seccomp("{\"defaultAction\": \"SCMP_ACT_ALLOW\", " + RULES + "}");
        LinuxSeccomp b = SeccompCompilerTest.seccomp("{" + RULES + ", \"defaultAction\": \"SCMP_ACT_ALLOW\"}");
        LinuxSeccomp c = SeccompCompilerTest.seccomp("{\"defaultAction\": \"SCMP_ACT_LOG\", " + RULES + "}");
        assertEquals(SeccompCache.digest(a, "/lib/libseccomp.so.2.5.4"), SeccompCache.digest(b, "/lib/libseccomp.so.2.5.4"));
        assertNotEquals(SeccompCache.digest(a, "/lib/libseccomp.so.2.5.4"), SeccompCache.digest(c, "/lib/libseccomp.so.2.5.4"));
        assertNotEquals(SeccompCache.digest(a, "/lib/libseccomp.so.2.5.4"), SeccompCache.digest(a, "/lib/libseccomp.so.2.6.0"));
    }

    @Test
    void aSecondPrepareReadsTheCacheAndAPartialEntryIsIgnored() throws Exception {
        Assumptions.assumeTrue(LibSeccomp.available());
        LinuxSeccomp s = SeccompCompilerTest.seccomp("{\"defaultAction\": \"SCMP_ACT_ALLOW\", " + RULES + "}");
        byte[] first = ProcessSecurity.program(s, root, LogSink.NONE);
        Path file = new SeccompCache(root).file(SeccompCache.digest(s, LibSeccomp.location().orElseThrow().toString()));
        assertArrayEquals(first, Files.readAllBytes(file));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        // a marker program in the cache is what the next create uses: proof that it was not recompiled
        byte[] marker = {6, 0, 0, 0, 0, 0, (byte) 0xff, 0x7f};
        Files.write(file, marker);
        assertArrayEquals(marker, ProcessSecurity.program(s, root, LogSink.NONE));
        Files.write(file, new byte[] {1, 2, 3});
        assertArrayEquals(first, ProcessSecurity.program(s, root, LogSink.NONE));
        assertTrue(Files.size(file) % 8 == 0);
    }
}
