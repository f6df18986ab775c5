/*
 * jrt-init <sync-fd>: performs a ContainerPlan received on the sync socket. Op 0 (enter
 * namespaces) runs in stage 0, which forks the container's init and exits; the init runs the
 * rest and ends in execve. Single-threaded on purpose: see DESIGN.md §1.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "jrt-init.h"

struct state st = { .sync = -1, .root = "/" };

static struct {
    int err;
    char msg[1024];
} failure;

int fail(int err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(failure.msg, sizeof(failure.msg), fmt, ap);
    va_end(ap);
    failure.err = err;
    errno = err;
    return -1;
}

int failed_errno(void)
{
    return failure.err;
}

const char *failed_message(void)
{
    return failure.msg;
}

/* Every message: u32 type, i32 a, i32 b, u32 text length, text (no NUL). */
int send_msg(uint32_t type, int32_t a, int32_t b, const char *text)
{
    uint8_t buf[16 + sizeof(failure.msg)];
    uint32_t len = text ? (uint32_t)strlen(text) : 0;
    if (len > sizeof(failure.msg))
        len = sizeof(failure.msg);
    uint32_t head[4] = { type, (uint32_t)a, (uint32_t)b, len }; /* x86_64/arm64: little-endian */
    memcpy(buf, head, sizeof(head));
    if (len)
        memcpy(buf + 16, text, len);
    if (st.sync < 0)
        return fail(EPIPE, "sync socket is closed");
    ssize_t n;
    do
        n = send(st.sync, buf, 16 + len, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return fail(errno, "send message %u to the parent", type);
    return 0;
}

int wait_ack(void)
{
    uint32_t head[4];
    ssize_t n;
    do
        n = recv(st.sync, head, sizeof(head), 0);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return fail(errno, "wait for the parent");
    if (n == 0)
        return fail(EPIPE, "wait for the parent: the parent went away");
    if (n != sizeof(head) || head[0] != MSG_ACK)
        return fail(EPROTO, "wait for the parent: unexpected message type %u", head[0]);
    return 0;
}

/* Go-style lower-case error text, as clients (podman) match it on stderr. */
static void write_stderr_line(void)
{
    char line[sizeof(failure.msg) + 160];
    int n;
    if (failure.err != 0) {
        char err[128];
        snprintf(err, sizeof(err), "%s", strerror(failure.err));
        err[0] = (char)tolower((unsigned char)err[0]);
        n = snprintf(line, sizeof(line), "jrt-init: %s: %s\n", failure.msg, err);
    } else {
        n = snprintf(line, sizeof(line), "jrt-init: %s\n", failure.msg);
    }
    if (n > (int)sizeof(line) - 1)
        n = (int)sizeof(line) - 1;
    if (write(2, line, n) < 0) {
        /* nowhere left to report */
    }
}

void report_failure(int op_index)
{
    report_to_start();
    if (!st.ready && send_msg(MSG_ERROR, op_index, failure.err, failure.msg) == 0)
        _exit(1);
    write_stderr_line();
    _exit(failure.err == EACCES ? 126 : 127);
}

static const char *find_rootfs(void)
{
    for (uint32_t i = 0; i < st.plan.nops; i++) {
        if (st.plan.ops[i].type == OP_PIVOT_ROOT) {
            struct rd r;
            rd_init(&r, &st.plan.ops[i]);
            const char *rootfs = rd_str(&r);
            if (rootfs != NULL && !r.bad)
                return rootfs;
        }
    }
    return "/";
}

static int op_sync(int index, struct rd *r)
{
    const char *tag = rd_str(r);
    if (rd_ok(r) < 0)
        return -1;
    if (send_msg(MSG_SYNC, index, 0, tag) < 0)
        return -1;
    return wait_ack();
}

static int op_ready(struct rd *r)
{
    if (rd_ok(r) < 0 || send_msg(MSG_READY, 0, 0, NULL) < 0)
        return -1;
    st.ready = 1;
    return 0;
}

static int op_setsid(struct rd *r)
{
    if (rd_ok(r) < 0)
        return -1;
    if (setsid() < 0 && getsid(0) != getpid())
        return fail(errno, "setsid");
    return 0;
}

int run_op(int index, const struct op *op)
{
    struct rd r;
    rd_init(&r, op);
    switch (op->type) {
    case OP_SET_PROPAGATION: return op_set_propagation(&r);
    case OP_MOUNT: return op_mount(&r);
    case OP_MKDIR: return op_mkdir(&r);
    case OP_MKNOD: return op_mknod(&r);
    case OP_BIND_DEVICE: return op_bind_device(&r);
    case OP_SYMLINK: return op_symlink(&r);
    case OP_PIVOT_ROOT: return op_pivot_root(&r);
    case OP_WRITE_FILE: return op_write_file(&r);
    case OP_MASK_PATH: return op_mask_path(&r);
    case OP_READONLY_PATH: return op_readonly_path(&r);
    case OP_READONLY_ROOT: return op_readonly_root(&r);
    case OP_SET_HOSTNAME: return op_set_hostname(&r, 0);
    case OP_SET_DOMAINNAME: return op_set_hostname(&r, 1);
    case OP_SYNC: return op_sync(index, &r);
    case OP_RUN_HOOK: return op_run_hook(&r);
    case OP_SETSID: return op_setsid(&r);
    case OP_CONSOLE: return op_console(&r);
    case OP_CHDIR: return op_chdir(&r);
    case OP_SETRLIMIT: return op_setrlimit(&r);
    case OP_UMASK: return op_umask(&r);
    case OP_PERSONALITY: return op_personality(&r);
    case OP_FIND_EXECUTABLE: return op_find_executable(&r);
    case OP_READY: return op_ready(&r);
    case OP_WAIT_START: return op_wait_start(&r);
    case OP_NO_NEW_PRIVILEGES: return op_no_new_privileges(&r);
    case OP_SET_USER: return op_set_user(&r);
    case OP_CAPABILITIES: return op_capabilities(&r);
    case OP_SECCOMP: return op_seccomp(&r);
    case OP_CLOSE_FDS: return op_close_fds(&r);
    case OP_EXEC: return op_exec(&r);
    case OP_RUN_STATE_HOOK: case OP_AWAIT_START: case OP_CONFIRM_START: return hooks_op(op->type, &r);
    case OP_SCHEDULER: return op_scheduler(&r);
    case OP_IO_PRIORITY: return op_io_priority(&r);
    case OP_MEMORY_POLICY: return op_memory_policy(&r);
    case OP_CPU_AFFINITY: return op_cpu_affinity(&r);
    case OP_SECCOMP_LISTENER: return op_seccomp_listener(index, &r);
    case OP_PROPAGATE_IN_ROOT: return op_propagate_in_root(&r);
    case OP_SET_MOUNT_ATTR: return op_set_mount_attr(&r);
    case OP_ATTACH_MOUNT: return op_attach_mount(&r);
    case OP_TMPFS_COPY_UP: return op_tmpfs_copy_up(&r);
    case OP_MOVE_MOUNT_IN_ROOT: return op_move_mount_in_root(&r);
    default: return fail(EINVAL, "operation type %u is not allowed here", op->type);
    }
}

int main(int argc, char **argv)
{
    char *end = NULL;
    long sync = argc == 2 ? strtol(argv[1], &end, 10) : -1;
    if (sync < 3 || end == NULL || *end != 0 || fcntl((int)sync, F_GETFD) < 0) {
        static const char usage[] = "jrt-init: usage: jrt-init <sync-fd> (started by jrt, not by hand)\n";
        if (write(2, usage, sizeof(usage) - 1) < 0)
            return 2;
        return 2;
    }
    /* Nothing but stdio, the preserved fds and the sync socket may reach the container. */
    syscall(SYS_close_range, (unsigned int)sync + 1, ~0U, 0);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    st.sync = (int)sync;

    if (seal_self(argv) < 0)
        report_failure(-1);
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0) {
        fail(errno, "prctl(PR_SET_DUMPABLE)");
        report_failure(-1);
    }
    fcntl(st.sync, F_SETFD, FD_CLOEXEC);
    if (plan_receive(st.sync, &st.plan) < 0)
        report_failure(-1);
    if (st.plan.nops == 0 || st.plan.ops[0].type != OP_ENTER_NAMESPACES) {
        fail(EINVAL, "malformed plan: op 0 must enter the namespaces");
        report_failure(0);
    }
    st.root = find_rootfs();
    if (stage0(&st.plan.ops[0]) < 0)
        report_failure(0);
    for (uint32_t i = 1; i < st.plan.nops; i++) {
        if (st.plan.ops[i].type == OP_ENTER_NAMESPACES) {
            fail(EINVAL, "malformed plan: only op 0 may enter namespaces");
            report_failure((int)i);
        }
        if (run_op((int)i, &st.plan.ops[i]) < 0)
            report_failure((int)i);
    }
    fail(EINVAL, "malformed plan: it does not end in Exec");
    report_failure((int)st.plan.nops - 1);
}
