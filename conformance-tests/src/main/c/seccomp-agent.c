/*
 * seccomp-agent SOCKET STATE-FILE ANSWER: a minimal seccomp user-notification listener for
 * tests (linux.seccomp.listenerPath). Listens on the unix stream socket SOCKET, prints "ready",
 * accepts one connection, receives the container process state (one JSON object, written to
 * STATE-FILE) with the notify fd (SCM_RIGHTS), then answers every notification with ANSWER
 * until no process uses the filter any more:
 *   errno:N   the syscall fails with errno N
 *   ok        the syscall "succeeds" with return value 0 without being run
 *   continue  the kernel runs the syscall (SECCOMP_USER_NOTIF_FLAG_CONTINUE)
 * Prints "fds N" (descriptors received) once the state is complete, "closed" when the runtime
 * closes the connection and "notified NR" per notification (syscall number). Before answering
 * the first notification it waits up to 2 s for the close, so a runtime that closes the
 * connection after sending the state (as config-linux.md requires) prints "closed" before any
 * "notified".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static void die(const char *what)
{
    fprintf(stderr, "seccomp-agent: %s: %s\n", what, strerror(errno));
    exit(1);
}

/* Polls the connection (up to TIMEOUT ms): at EOF prints "closed" and closes it; data after the state fails. */
static void watch_close(int *c, int timeout)
{
    if (*c < 0)
        return;
    struct pollfd p = { .fd = *c, .events = POLLIN };
    if (poll(&p, 1, timeout) <= 0)
        return;
    char b;
    ssize_t n = recv(*c, &b, 1, MSG_DONTWAIT);
    if (n > 0) {
        fprintf(stderr, "seccomp-agent: data after the container process state\n");
        exit(4);
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    printf("closed\n");
    fflush(stdout);
    close(*c);
    *c = -1;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: seccomp-agent SOCKET STATE-FILE errno:N|ok|continue\n");
        return 2;
    }
    int err = 0, cont = 0;
    if (strncmp(argv[3], "errno:", 6) == 0)
        err = atoi(argv[3] + 6);
    else if (strcmp(argv[3], "continue") == 0)
        cont = 1;
    else if (strcmp(argv[3], "ok") != 0) {
        fprintf(stderr, "seccomp-agent: bad answer %s\n", argv[3]);
        return 2;
    }
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    if (strlen(argv[1]) >= sizeof(addr.sun_path)) {
        fprintf(stderr, "seccomp-agent: socket path too long\n");
        return 2;
    }
    strcpy(addr.sun_path, argv[1]);
    unlink(argv[1]); /* a previous agent's socket */
    int l = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (l < 0 || bind(l, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(l, 1) < 0)
        die("listen");
    printf("ready\n");
    fflush(stdout);
    int c = accept4(l, NULL, NULL, SOCK_CLOEXEC);
    if (c < 0)
        die("accept");

    static char json[65536];
    size_t have = 0;
    int notify = -1, nfds = 0, depth = 0, in_string = 0, escaped = 0, complete = 0;
    /* The end of the JSON object ends the state, not EOF: runc 1.1 never closes the connection. */
    while (!complete) {
        union {
            struct cmsghdr align;
            char buf[CMSG_SPACE(sizeof(int) * 8)];
        } control;
        struct iovec iov = { .iov_base = json + have, .iov_len = sizeof(json) - 1 - have };
        struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf,
                              .msg_controllen = sizeof(control.buf) };
        ssize_t n = recvmsg(c, &msg, MSG_CMSG_CLOEXEC);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            die("recvmsg");
        for (struct cmsghdr *h = CMSG_FIRSTHDR(&msg); h != NULL; h = CMSG_NXTHDR(&msg, h)) {
            if (h->cmsg_level == SOL_SOCKET && h->cmsg_type == SCM_RIGHTS) {
                int k = (int)((h->cmsg_len - CMSG_LEN(0)) / sizeof(int));
                int *fds = (int *)CMSG_DATA(h);
                for (int i = 0; i < k; i++) {
                    if (notify < 0)
                        notify = fds[i];
                    else
                        close(fds[i]);
                }
                nfds += k;
            }
        }
        if (n == 0)
            break; /* watch_close below reports the EOF */
        for (size_t i = have; i < have + (size_t)n && !complete; i++) {
            char ch = json[i];
            if (in_string) {
                if (escaped)
                    escaped = 0;
                else if (ch == '\\')
                    escaped = 1;
                else if (ch == '"')
                    in_string = 0;
            } else if (ch == '"') {
                in_string = 1;
            } else if (ch == '{') {
                depth++;
            } else if (ch == '}' && --depth == 0) {
                complete = 1;
            }
        }
        have += (size_t)n;
        if (have >= sizeof(json) - 1)
            break;
    }
    json[have] = 0;
    char tmp[4096];
    snprintf(tmp, sizeof(tmp), "%s.tmp", argv[2]);
    FILE *f = fopen(tmp, "w");
    if (f == NULL || fputs(json, f) < 0 || fclose(f) != 0 || rename(tmp, argv[2]) < 0)
        die("write the state file");
    printf("fds %d\n", nfds);
    fflush(stdout);
    watch_close(&c, 0);
    if (notify < 0)
        return 3;

    int waited = 0;
    for (;;) {
        struct pollfd p[2] = { { .fd = notify, .events = POLLIN }, { .fd = c, .events = POLLIN } };
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            die("poll");
        }
        if (p[1].revents != 0)
            watch_close(&c, 0);
        if (p[0].revents == 0)
            continue;
        if (!(p[0].revents & POLLIN))
            break; /* POLLHUP: every process using the filter is gone */
        if (!waited) {
            waited = 1;
            watch_close(&c, 2000);
        }
        struct seccomp_notif req;
        memset(&req, 0, sizeof(req));
        if (ioctl(notify, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0) {
            if (errno == EINTR || errno == ENOENT)
                continue;
            die("SECCOMP_IOCTL_NOTIF_RECV");
        }
        printf("notified %d\n", req.data.nr);
        fflush(stdout);
        struct seccomp_notif_resp resp;
        memset(&resp, 0, sizeof(resp));
        resp.id = req.id;
        if (cont)
            resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
        else if (err)
            resp.error = -err;
        if (ioctl(notify, SECCOMP_IOCTL_NOTIF_SEND, &resp) < 0 && errno != ENOENT)
            die("SECCOMP_IOCTL_NOTIF_SEND");
    }
    return 0;
}
