/*
 * seccomp-agent SOCKET STATE-FILE ANSWER: a minimal seccomp user-notification listener for
 * tests (linux.seccomp.listenerPath). Listens on the unix stream socket SOCKET, prints "ready",
 * accepts one connection, receives the container process state (JSON, written to STATE-FILE)
 * with the notify fd (SCM_RIGHTS), then answers every notification with ANSWER until no
 * process uses the filter any more:
 *   errno:N   the syscall fails with errno N
 *   ok        the syscall "succeeds" with return value 0 without being run
 *   continue  the kernel runs the syscall (SECCOMP_USER_NOTIF_FLAG_CONTINUE)
 * Prints "fds N" (descriptors received) and "notified NR" per notification (syscall number).
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
    int notify = -1, nfds = 0;
    for (;;) {
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
            break;
        have += (size_t)n;
        if (have >= sizeof(json) - 1)
            break;
    }
    close(c);
    json[have] = 0;
    char tmp[4096];
    snprintf(tmp, sizeof(tmp), "%s.tmp", argv[2]);
    FILE *f = fopen(tmp, "w");
    if (f == NULL || fputs(json, f) < 0 || fclose(f) != 0 || rename(tmp, argv[2]) < 0)
        die("write the state file");
    printf("fds %d\n", nfds);
    fflush(stdout);
    if (notify < 0)
        return 3;

    for (;;) {
        struct pollfd p = { .fd = notify, .events = POLLIN };
        if (poll(&p, 1, -1) < 0) {
            if (errno == EINTR)
                continue;
            die("poll");
        }
        if (!(p.revents & POLLIN))
            break; /* POLLHUP: every process using the filter is gone */
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
