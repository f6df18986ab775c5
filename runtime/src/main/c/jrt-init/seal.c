/*
 * CVE-2019-5736: a container process must never be able to open the executor's binary for
 * writing through /proc/<pid>/exe. jrt-init re-executes itself from a sealed memfd copy before
 * it touches any namespace; a sealed memfd cannot be written by anyone.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jrt-init.h"

#ifndef MFD_EXEC
#define MFD_EXEC 0x0010U
#endif

#define SEALS (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)

extern char **environ;

int seal_self(char **argv)
{
    int exe = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    if (exe < 0)
        return fail(errno, "open /proc/self/exe");
    int seals = fcntl(exe, F_GET_SEALS);
    if (seals >= 0 && (seals & SEALS) == SEALS) {
        close(exe);
        return 0;
    }
    /* vm.memfd_noexec may make memfds non-executable unless MFD_EXEC is asked for (Linux 6.3+). */
    int mfd = memfd_create("jrt-init", MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_EXEC);
    if (mfd < 0 && errno == EINVAL)
        mfd = memfd_create("jrt-init", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (mfd < 0)
        return fail(errno, "memfd_create");
    struct stat sb;
    if (fstat(exe, &sb) < 0)
        return fail(errno, "stat /proc/self/exe");
    for (off_t done = 0; done < sb.st_size;) {
        ssize_t n = sendfile(mfd, exe, NULL, (size_t)(sb.st_size - done));
        if (n <= 0)
            return fail(n < 0 ? errno : EIO, "copy /proc/self/exe into a memfd");
        done += n;
    }
    close(exe);
    if (fcntl(mfd, F_ADD_SEALS, SEALS) < 0)
        return fail(errno, "seal the memfd copy of jrt-init");
    fexecve(mfd, argv, environ);
    return fail(errno, "re-execute jrt-init from its sealed memfd");
}
