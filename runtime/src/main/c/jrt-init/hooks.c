/*
 * Hooks that run inside the container (createContainer, startContainer) with the OCI state on
 * stdin, and the start handshake that lets `jrt start` fail when a startContainer hook fails:
 * AwaitStart opens the exec fifo and keeps it, ConfirmStart writes "0", a failing hook writes
 * "E<message>" instead (see docs/executor.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jrt-init.h"

pid_t init_host_pid;
static int start_fd = -1;

static int write_all(int fd, const void *buf, size_t len)
{
    const uint8_t *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static int run_state_hook(const char *path, char **args, char **env, uint32_t timeout,
                          const uint8_t *before, uint32_t before_len, const uint8_t *after, uint32_t after_len)
{
    if (path == NULL || *path == 0)
        return fail(EINVAL, "hook: no path");
    char pid[16];
    int pid_len = snprintf(pid, sizeof(pid), "%d", (int)init_host_pid);
    int in[2];
    if (pipe2(in, O_CLOEXEC) < 0)
        return fail(errno, "pipe");
    pid_t child = fork();
    if (child < 0) {
        int err = errno;
        close(in[0]);
        close(in[1]);
        return fail(err, "fork hook %s", path);
    }
    if (child == 0) {
        char *argv0[] = { (char *)path, NULL };
        if (dup2(in[0], 0) < 0)
            _exit(127);
        execve(path, args[0] ? args : argv0, env);
        _exit(errno == EACCES ? 126 : 127);
    }
    close(in[0]);
    /* a hook need not read its stdin: no SIGPIPE for that */
    struct sigaction ign = { .sa_handler = SIG_IGN }, old;
    sigaction(SIGPIPE, &ign, &old);
    if (write_all(in[1], before, before_len) == 0 && write_all(in[1], pid, (size_t)pid_len) == 0)
        write_all(in[1], after, after_len);
    close(in[1]);
    sigaction(SIGPIPE, &old, NULL);
    return hook_wait(child, path, timeout);
}

/* Tells `jrt start` why the container did not start; it reads this instead of "0". */
void report_to_start(void)
{
    if (start_fd < 0)
        return;
    char msg[1100];
    int n = snprintf(msg, sizeof(msg), "E%s%s%s", failed_message(), failed_errno() ? ": " : "",
                     failed_errno() ? strerror(failed_errno()) : "");
    if (n > (int)sizeof(msg) - 1)
        n = (int)sizeof(msg) - 1;
    if (write_all(start_fd, msg, (size_t)n) < 0) {
        /* start is gone: the failure still goes to stderr */
    }
    close(start_fd);
    start_fd = -1;
}

static int op_run_state_hook(struct rd *r)
{
    const char *path = rd_str(r);
    char **args = rd_strlist(r), **env = rd_strlist(r);
    uint32_t timeout = rd_u32(r), before_len, after_len;
    const uint8_t *before = rd_bytes(r, &before_len);
    const uint8_t *after = rd_bytes(r, &after_len);
    int rc = rd_ok(r) < 0 ? -1
            : run_state_hook(path, args, env, timeout, before, before_len, after, after_len);
    free(args);
    free(env);
    if (rc < 0)
        report_to_start();
    return rc;
}

static int op_await_start(struct rd *r)
{
    uint32_t slot = rd_u32(r);
    if (rd_ok(r) < 0)
        return -1;
    int fd = open_exec_fifo(slot);
    if (fd < 0)
        return -1;
    start_fd = fd;
    return 0;
}

static int op_confirm_start(struct rd *r)
{
    if (rd_ok(r) < 0)
        return -1;
    if (start_fd < 0)
        return fail(EBADF, "malformed plan: ConfirmStart without AwaitStart");
    int rc = write_all(start_fd, "0", 1);
    int err = errno;
    close(start_fd);
    start_fd = -1;
    return rc == 0 ? 0 : fail(err, "write the exec fifo");
}

int hooks_op(int type, struct rd *r)
{
    switch (type) {
    case OP_RUN_STATE_HOOK: return op_run_state_hook(r);
    case OP_AWAIT_START: return op_await_start(r);
    case OP_CONFIRM_START: return op_confirm_start(r);
    default: return fail(EINVAL, "operation type %d is not allowed here", type);
    }
}
