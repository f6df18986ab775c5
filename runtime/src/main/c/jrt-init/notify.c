/*
 * Seccomp user notification (SCMP_ACT_NOTIFY with linux.seccomp.listenerPath). The filter is
 * loaded late, after pivot_root, where the host's listenerPath cannot be reached; so, as runc
 * does, the init hands the notify fd to the parent over the sync socket (SECCOMP_FD message,
 * SCM_RIGHTS), closes its own copy at once, and waits for the parent's ACK: by then the parent
 * has sent the container process state and the fd to the listener. The notify fd never
 * reaches the container's process.
 */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "jrt-init.h"

#ifndef SECCOMP_FILTER_FLAG_NEW_LISTENER
#define SECCOMP_FILTER_FLAG_NEW_LISTENER (1UL << 3)
#endif

/* SECCOMP_FD: the common message header (type, a = op index, b = 0, no text) plus the fd. */
static int send_notify_fd(int index, int fd)
{
    uint32_t head[4] = { MSG_SECCOMP_FD, (uint32_t)index, 0, 0 };
    union {
        struct cmsghdr align;
        char buf[CMSG_SPACE(sizeof(int))];
    } control;
    memset(&control, 0, sizeof(control));
    struct iovec iov = { .iov_base = head, .iov_len = sizeof(head) };
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf,
                          .msg_controllen = sizeof(control.buf) };
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof(int));
    ssize_t n;
    do
        n = sendmsg(st.sync, &msg, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return fail(errno, "send the seccomp notify fd to the parent");
    return 0;
}

int op_seccomp_listener(int index, struct rd *r)
{
    uint32_t len;
    const uint8_t *bytes = rd_bytes(r, &len);
    uint32_t flags = rd_u32(r);
    if (rd_ok(r) < 0)
        return -1;
    if (len == 0 || len % sizeof(struct sock_filter) != 0 || len / sizeof(struct sock_filter) > 0xffff)
        return fail(EINVAL, "seccomp program of %u bytes is not a list of BPF instructions", len);
    if (st.ready || st.sync < 0)
        return fail(EPIPE, "seccomp notify: the parent that forwards the notify fd is gone (the op must come before Ready)");
    struct sock_filter *filter = malloc(len); /* the plan buffer is not aligned */
    if (filter == NULL)
        return fail(ENOMEM, "load seccomp program");
    memcpy(filter, bytes, len);
    struct sock_fprog prog = { .len = (unsigned short)(len / sizeof(struct sock_filter)), .filter = filter };
    flags |= SECCOMP_FILTER_FLAG_NEW_LISTENER;
    long fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog);
    free(filter);
    if (fd < 0)
        return fail(errno, "load seccomp program with a notify listener (%u instructions, flags 0x%x)", prog.len,
                    flags);
    int sent = send_notify_fd(index, (int)fd);
    close((int)fd); /* the copy in flight (and then the parent's) keeps the listener alive */
    if (sent < 0)
        return -1;
    return wait_ack();
}
