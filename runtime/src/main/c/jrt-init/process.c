/* Process set-up: cwd, limits, hooks, the start fifo, descriptors and the final execve. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jrt-init.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

/* CVE-2024-21626: a cwd reached through a leaked host descriptor is outside the root. */
int check_cwd_in_root(void)
{
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof(cwd)) == NULL || cwd[0] != '/')
        return fail(errno ? errno : ENOENT, "the working directory is outside the container's root");
    return 0;
}

int op_chdir(struct rd *r)
{
    const char *cwd = rd_str(r);
    if (rd_ok(r) < 0)
        return -1;
    if (chdir(cwd) < 0)
        return fail(errno, "chdir %s", cwd);
    return check_cwd_in_root();
}

int op_setrlimit(struct rd *r)
{
    int resource = (int)rd_u32(r);
    struct rlimit rl = { .rlim_cur = rd_u64(r), .rlim_max = rd_u64(r) };
    if (rd_ok(r) < 0)
        return -1;
    if (prlimit(0, resource, &rl, NULL) < 0)
        return fail(errno, "setrlimit %d (soft %llu, hard %llu)", resource,
                    (unsigned long long)rl.rlim_cur, (unsigned long long)rl.rlim_max);
    return 0;
}

int op_umask(struct rd *r)
{
    mode_t mask = rd_u32(r);
    if (rd_ok(r) < 0)
        return -1;
    umask(mask & 0777);
    return 0;
}

int op_personality(struct rd *r)
{
    unsigned long persona = rd_u64(r);
    if (rd_ok(r) < 0)
        return -1;
    if (personality(persona) < 0)
        return fail(errno, "personality 0x%lx", persona);
    return 0;
}

static int is_executable(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) < 0)
        return -1;
    if (!S_ISREG(sb.st_mode) || faccessat(AT_FDCWD, path, X_OK, AT_EACCESS) < 0) {
        errno = EACCES;
        return -1;
    }
    return 0;
}

int op_find_executable(struct rd *r)
{
    const char *name = rd_str(r), *path_var = rd_str(r);
    if (rd_ok(r) < 0)
        return -1;
    if (name == NULL || *name == 0)
        return fail(ENOENT, "exec: no executable given");
    if (strchr(name, '/')) {
        if (is_executable(name) < 0)
            return fail(errno, "exec %s", name);
        st.exe = name;
        return 0;
    }
    if (path_var == NULL)
        path_var = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    char candidate[PATH_MAX];
    int denied = 0;
    for (const char *p = path_var;;) {
        const char *end = strchrnul(p, ':');
        int len = (int)(end - p);
        snprintf(candidate, sizeof(candidate), "%.*s/%s", len ? len : 1, len ? p : ".", name);
        if (is_executable(candidate) == 0) {
            st.exe = strdup(candidate);
            return st.exe ? 0 : fail(ENOMEM, "exec %s", name);
        }
        denied |= errno == EACCES;
        if (*end == 0)
            break;
        p = end + 1;
    }
    return fail(denied ? EACCES : ENOENT, "exec %s: not found in PATH %s", name, path_var);
}

/*
 * Opens the exec fifo in plan slot `slot` for writing, which blocks until `jrt start` opens it
 * for reading, and releases the slot's O_PATH descriptor. Returns the fd, or -1 (reported).
 */
int open_exec_fifo(uint32_t slot)
{
    int path_fd = slot_fd(slot);
    if (path_fd < 0)
        return -1;
    char buf[32];
    int fd;
    do
        fd = open(fd_path(path_fd, buf), O_WRONLY | O_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return fail(errno, "open the exec fifo");
    close(path_fd);
    st.plan.fds[slot] = -1;
    return fd;
}

int op_wait_start(struct rd *r)
{
    uint32_t slot = rd_u32(r);
    if (rd_ok(r) < 0)
        return -1;
    int fd = open_exec_fifo(slot);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, "0", 1);
    int err = errno;
    close(fd);
    return n == 1 ? 0 : fail(n < 0 ? err : EIO, "write the exec fifo");
}

/* Marks rather than closes: the fds still needed (the sync socket) go at execve all the same. */
int op_close_fds(struct rd *r)
{
    unsigned int first = rd_u32(r);
    if (rd_ok(r) < 0)
        return -1;
    if (syscall(SYS_close_range, first, ~0U, CLOSE_RANGE_CLOEXEC) < 0)
        return fail(errno, "close descriptors from %u", first);
    return 0;
}

int op_exec(struct rd *r)
{
    char **argv = rd_strlist(r), **env = rd_strlist(r);
    if (rd_ok(r) < 0)
        return -1;
    if (argv == NULL || argv[0] == NULL)
        return fail(EINVAL, "exec: empty argv");
    const char *path = st.exe ? st.exe : argv[0];
    if (check_cwd_in_root() < 0)
        return -1;
    execve(path, argv, env);
    return fail(errno, "exec %s", path);
}

/*
 * Waits for a hook, killing it after timeout seconds (0: no limit). Shared by the hooks of
 * RunHook and RunStateHook (hooks.c).
 */
int hook_wait(pid_t pid, const char *path, uint32_t timeout)
{
    int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
    if (pidfd < 0) {
        int err = errno;
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        return fail(err, "pidfd_open for hook %s", path);
    }
    struct pollfd p = { .fd = pidfd, .events = POLLIN };
    int n;
    do
        n = poll(&p, 1, timeout ? (int)(timeout * 1000) : -1);
    while (n < 0 && errno == EINTR);
    close(pidfd);
    if (n == 0) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        return fail(ETIMEDOUT, "hook %s timed out after %u s", path, timeout);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return fail(errno, "wait for hook %s", path);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    if (WIFSIGNALED(status))
        return fail(0, "hook %s was killed by signal %d", path, WTERMSIG(status));
    return fail(0, "hook %s exited with status %d", path, WEXITSTATUS(status));
}

int op_run_hook(struct rd *r)
{
    const char *path = rd_str(r);
    char **args = rd_strlist(r), **env = rd_strlist(r);
    uint32_t timeout = rd_u32(r), len;
    const uint8_t *input = rd_bytes(r, &len);
    if (rd_ok(r) < 0)
        return -1;
    int in[2];
    if (pipe2(in, O_CLOEXEC) < 0)
        return fail(errno, "pipe");
    pid_t pid = fork();
    if (pid < 0)
        return fail(errno, "fork hook %s", path);
    if (pid == 0) {
        char *argv0[] = { (char *)path, NULL };
        if (dup2(in[0], 0) < 0)
            _exit(127);
        execve(path, args[0] ? args : argv0, env);
        _exit(127);
    }
    close(in[0]);
    /* the hook may not read its stdin: no SIGPIPE for that */
    struct sigaction ign = { .sa_handler = SIG_IGN }, old;
    sigaction(SIGPIPE, &ign, &old);
    for (uint32_t done = 0; done < len;) {
        ssize_t n = write(in[1], input + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (uint32_t)n;
    }
    close(in[1]);
    sigaction(SIGPIPE, &old, NULL);
    free(args);
    free(env);
    return hook_wait(pid, path, timeout);
}
