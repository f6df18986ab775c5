/*
 * Stage 0: join and create namespaces, then fork the container's init with CLONE_PARENT so that
 * it is the caller's child (and is reparented to the caller's subreaper), report its pid, exit.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "jrt-init.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

#define MAX_JOINS 16

static int write_file(const char *path, const char *content)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(errno, "open %s", path);
    size_t len = strlen(content);
    ssize_t n = write(fd, content, len);
    int err = errno;
    close(fd);
    if (n != (ssize_t)len)
        return fail(n < 0 ? err : EIO, "write %s", path);
    return 0;
}

static int become_root(void)
{
    if (setresgid(0, 0, 0) < 0)
        return fail(errno, "setresgid(0) in the user namespace");
    if (setresuid(0, 0, 0) < 0)
        return fail(errno, "setresuid(0) in the user namespace");
    /* a uid change resets dumpable to fs.suid_dumpable */
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
        return fail(errno, "prctl(PR_SET_DUMPABLE)");
    return 0;
}

/* The init waits for its own pid (as the runtime sees it) from stage 0, sent only once the parent knows it. */
static int fork_init(void)
{
    int gate[2];
    if (pipe2(gate, O_CLOEXEC) < 0)
        return fail(errno, "pipe");
    long pid = syscall(SYS_clone, (unsigned long)(CLONE_PARENT | SIGCHLD), 0L, 0L, 0L, 0L);
    if (pid < 0)
        return fail(errno, "clone the container's init");
    if (pid == 0) {
        int32_t host_pid = 0; /* our pid as the runtime sees it: for the state hooks get */
        ssize_t n;
        close(gate[1]);
        do
            n = read(gate[0], &host_pid, sizeof(host_pid));
        while (n < 0 && errno == EINTR);
        if (n != sizeof(host_pid))
            _exit(1); /* stage 0 failed and is reporting it */
        init_host_pid = host_pid;
        close(gate[0]);
        return 0;
    }
    close(gate[0]);
    if (send_msg(MSG_INIT_PID, (int32_t)pid, 0, NULL) < 0) {
        kill((pid_t)pid, SIGKILL);
        return -1;
    }
    int32_t host_pid = (int32_t)pid;
    if (write(gate[1], &host_pid, sizeof(host_pid)) != sizeof(host_pid)) {
        kill((pid_t)pid, SIGKILL);
        return fail(errno, "release the container's init");
    }
    _exit(0);
}

int stage0(const struct op *op)
{
    struct rd r;
    rd_init(&r, op);
    uint32_t njoins = rd_u32(&r);
    if (njoins > MAX_JOINS)
        return fail(EINVAL, "malformed plan: %u namespaces to join", njoins);
    uint64_t join_flags[MAX_JOINS];
    const char *join_paths[MAX_JOINS];
    for (uint32_t i = 0; i < njoins; i++) {
        join_flags[i] = rd_u64(&r);
        join_paths[i] = rd_str(&r);
    }
    int new_user = rd_u8(&r);
    uint64_t new_flags = rd_u64(&r);
    const char *time_offsets = rd_str(&r);
    if (rd_ok(&r) < 0)
        return -1;
    if (new_flags & CLONE_NEWUSER)
        return fail(EINVAL, "malformed plan: CLONE_NEWUSER in newFlags");

    /* Open every path first: after setns(mnt) or setns(user) they may no longer resolve. */
    int fds[MAX_JOINS];
    int joined_user = 0;
    for (uint32_t i = 0; i < njoins; i++) {
        if (join_paths[i] == NULL)
            return fail(EINVAL, "malformed plan: namespace path missing");
        fds[i] = open(join_paths[i], O_RDONLY | O_CLOEXEC);
        if (fds[i] < 0)
            return fail(errno, "open namespace %s", join_paths[i]);
    }
    for (uint32_t i = 0; i < njoins; i++) {
        if (setns(fds[i], (int)join_flags[i]) < 0)
            return fail(errno, "setns %s", join_paths[i]);
        close(fds[i]);
        joined_user |= (join_flags[i] & CLONE_NEWUSER) != 0;
    }
    if (joined_user && become_root() < 0)
        return -1;
    if (new_user) {
        if (unshare(CLONE_NEWUSER) < 0)
            return fail(errno, "unshare user namespace");
        if (send_msg(MSG_USERMAP, getpid(), 0, NULL) < 0 || wait_ack() < 0)
            return -1;
        if (become_root() < 0)
            return -1;
    }
    if (new_flags != 0 && unshare((int)new_flags) < 0)
        return fail(errno, "unshare namespaces 0x%llx", (unsigned long long)new_flags);
    if (time_offsets != NULL && write_file("/proc/self/timens_offsets", time_offsets) < 0)
        return -1;
    return fork_init();
}
