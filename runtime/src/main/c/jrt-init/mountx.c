/*
 * Mount ops of the rootfs work (op types 60-79): propagation of a mount in root, recursive mount
 * attributes (mount_setattr), and attaching a detached mount (a rootfs tmpfs made by jrt).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/mount.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "jrt-init.h"

int op_propagate_in_root(struct rd *r)
{
    const char *path = rd_str(r);
    unsigned long flags = rd_u64(r);
    if (rd_ok(r) < 0)
        return -1;
    if (path == NULL)
        return fail(EINVAL, "malformed plan: propagation without a path");
    int fd = in_root_open(path, CREATE_NONE, 0);
    if (fd < 0)
        return -1;
    char buf[32];
    int rc = mount(NULL, fd_path(fd, buf), NULL, flags, NULL) < 0
                 ? fail(errno, "set propagation 0x%lx of %s", flags, path) : 0;
    close(fd);
    return rc;
}

int op_set_mount_attr(struct rd *r)
{
    const char *path = rd_str(r);
    uint64_t set = rd_u64(r), clr = rd_u64(r);
    int recursive = rd_u8(r);
    if (rd_ok(r) < 0)
        return -1;
    if (path == NULL)
        return fail(EINVAL, "malformed plan: mount attributes without a path");
    int fd = in_root_open(path, CREATE_NONE, 0);
    if (fd < 0)
        return -1;
    struct mount_attr attr = { .attr_set = set, .attr_clr = clr };
    /* an atime mode is one value, not bits: clearing the field lets the new one in */
    if (set & MOUNT_ATTR__ATIME)
        attr.attr_clr |= MOUNT_ATTR__ATIME;
    int rc = 0;
    if (syscall(SYS_mount_setattr, fd, "", AT_EMPTY_PATH | (recursive ? AT_RECURSIVE : 0), &attr,
                sizeof(attr)) < 0)
        rc = fail(errno, "set mount attributes (set 0x%llx, clear 0x%llx) of %s",
                  (unsigned long long)set, (unsigned long long)clr, path);
    close(fd);
    return rc;
}

int op_attach_mount(struct rd *r)
{
    uint32_t mount_slot = rd_u32(r);
    const char *target = rd_str(r);
    uint32_t number = rd_u32(r);
    if (rd_ok(r) < 0)
        return -1;
    if (target == NULL || target[0] != '/')
        return fail(EINVAL, "malformed plan: attach a mount needs an absolute target");
    int mnt = slot_fd(mount_slot);
    if (mnt < 0)
        return -1;
    if (number < 3 || number > 65535 || fcntl((int)number, F_GETFD) >= 0 || errno != EBADF)
        return fail(EBUSY, "attach the root filesystem: descriptor %u is not free", number);
    /* opened here, in the container's mount namespace: move_mount only attaches in the caller's */
    int dir = open(target, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dir < 0)
        return fail(errno, "open %s", target);
    int rc = (int)syscall(SYS_move_mount, mnt, "", dir, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH);
    int err = errno;
    close(dir);
    if (rc < 0)
        return fail(err, "attach the root filesystem on %s", target);
    /* the mount descriptor now names the attached mount itself (not what lies under it) */
    if (dup3(mnt, (int)number, O_CLOEXEC) < 0)
        return fail(errno, "dup the root filesystem to descriptor %u", number);
    return 0;
}
