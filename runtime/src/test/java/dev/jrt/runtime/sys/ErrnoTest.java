package dev.jrt.runtime.sys;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ErrnoTest {
    @Test
    void namesAndMessagesLikeGo() {
        assertEquals("EPERM (operation not permitted)", Errno.describe(1));
        assertEquals("ENOENT (no such file or directory)", Errno.describe(Errno.ENOENT));
        assertEquals("EACCES (permission denied)", Errno.describe(13));
        assertEquals("ENOSYS (function not implemented)", Errno.describe(38));
        assertEquals("EHWPOISON", Errno.name(133));
        assertEquals("errno 999 (unknown error 999)", Errno.describe(999));
        assertEquals("errno 0", Errno.name(0));
    }

    @Test
    void syscallExceptionMessage() {
        SyscallException e = new SyscallException("mount", 1, "/proc -> /x/proc");
        assertEquals("mount(/proc -> /x/proc): EPERM (operation not permitted)", e.getMessage());
        assertEquals(1, e.errno());
        assertEquals("close: EBADF (bad file descriptor)", new SyscallException("close", 9, null).getMessage());
    }
}
