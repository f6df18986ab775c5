/*
 * recvtty: the receiving end of runc's console-socket protocol, for the conformance suite.
 *
 *   recvtty SOCKET OUTFILE
 *
 * Listens on the AF_UNIX socket SOCKET, accepts one connection, receives the pty master the
 * runtime sends with SCM_RIGHTS, and copies everything the container writes to its terminal
 * into OUTFILE until the terminal closes. Prints "ready" on stdout once it listens.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int die(const char *what) {
    fprintf(stderr, "recvtty: %s: %s\n", what, strerror(errno));
    return 1;
}

static int receive_fd(int conn) {
    char name[4096];
    char control[CMSG_SPACE(sizeof(int))];
    struct iovec iov = {.iov_base = name, .iov_len = sizeof(name)};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control,
                         .msg_controllen = sizeof(control)};
    if (recvmsg(conn, &msg, 0) < 0) {
        return -1;
    }
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    if (c == NULL || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) {
        errno = EPROTO;
        return -1;
    }
    int fd;
    memcpy(&fd, CMSG_DATA(c), sizeof(fd));
    return fd;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: recvtty SOCKET OUTFILE\n");
        return 2;
    }
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(argv[1]) >= sizeof(addr.sun_path)) {
        fprintf(stderr, "recvtty: socket path too long\n");
        return 2;
    }
    strcpy(addr.sun_path, argv[1]);
    int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0 || bind(s, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(s, 1) < 0) {
        return die("listen");
    }
    printf("ready\n");
    fflush(stdout);
    int conn = accept4(s, NULL, NULL, SOCK_CLOEXEC);
    if (conn < 0) {
        return die("accept");
    }
    int master = receive_fd(conn);
    if (master < 0) {
        return die("receive the pty master");
    }
    int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        return die("open the output file");
    }
    char buf[4096];
    for (;;) {
        ssize_t n = read(master, buf, sizeof(buf));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break; /* EIO once the last slave descriptor closes */
        }
        if (write(out, buf, (size_t)n) != n) {
            return die("write the output file");
        }
    }
    close(out);
    return 0;
}
