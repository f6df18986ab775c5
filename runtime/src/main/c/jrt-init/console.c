/*
 * runc's console-socket protocol: allocate a pty inside the container (after devpts is mounted),
 * send the master to the socket in the plan with SCM_RIGHTS (data: the master's name), and make
 * the slave the controlling terminal and stdio of the container.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include "jrt-init.h"

static int send_master(int sock, int master)
{
    static const char name[] = "/dev/ptmx";
    union {
        struct cmsghdr align;
        char buf[CMSG_SPACE(sizeof(int))];
    } control;
    memset(&control, 0, sizeof(control));
    struct iovec iov = { .iov_base = (void *)name, .iov_len = sizeof(name) - 1 };
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf,
                          .msg_controllen = sizeof(control.buf) };
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &master, sizeof(int));
    ssize_t n;
    do
        n = sendmsg(sock, &msg, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n < 0 ? fail(errno, "send the pty master to the console socket") : 0;
}

int op_console(struct rd *r)
{
    uint32_t slot = rd_u32(r), rows = rd_u32(r), cols = rd_u32(r);
    if (rd_ok(r) < 0)
        return -1;
    int sock = slot_fd(slot);
    if (sock < 0)
        return -1;
    int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0)
        return fail(errno, "open /dev/ptmx");
    int unlock = 0, slave = -1, rc = 0;
    if (ioctl(master, TIOCSPTLCK, &unlock) < 0)
        rc = fail(errno, "unlock the pty");
    else if ((slave = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY)) < 0)
        rc = fail(errno, "open the pty slave");
    if (rc == 0 && rows != 0 && cols != 0) {
        struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
        if (ioctl(master, TIOCSWINSZ, &ws) < 0)
            rc = fail(errno, "set the terminal size %ux%u", cols, rows);
    }
    if (rc == 0)
        rc = mount_dev_console(slave);
    if (rc == 0)
        rc = send_master(sock, master);
    close(master);
    close(sock);
    st.plan.fds[slot] = -1;
    if (rc < 0)
        return rc;
    for (int i = 0; i < 3; i++)
        if (dup2(slave, i) < 0)
            return fail(errno, "make the pty stdio");
    if (slave > 2)
        close(slave);
    if (ioctl(0, TIOCSCTTY, 0) < 0)
        return fail(errno, "make the pty the controlling terminal");
    return 0;
}
