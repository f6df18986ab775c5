/*
 * Mount ops of the rootfs work (op types 60-79): propagation of a mount in root, recursive mount
 * attributes (mount_setattr), and attaching a detached mount (a rootfs tmpfs made by jrt).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/mount.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
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

/*
 * With a terminal, /dev/console is the pty slave (bind-mounted, as runc). The target is made in
 * root if missing; it must be a regular file or a character device, never a symlink, and not on
 * procfs or sysfs (a hostile /dev could lead there: CVE-2025-52565).
 */
int mount_dev_console(int slave)
{
    int fd = in_root_open_flags("/dev/console", O_PATH | O_NOFOLLOW);
    if (fd < 0 && errno == ENOENT)
        fd = in_root_open("/dev/console", CREATE_FILE, 0755);
    else if (fd < 0)
        return fail(errno, "open /dev/console");
    if (fd < 0)
        return -1;
    struct stat sb;
    struct statfs sfs;
    int rc = 0;
    if (fstat(fd, &sb) < 0 || fstatfs(fd, &sfs) < 0)
        rc = fail(errno, "stat /dev/console");
    else if (!S_ISREG(sb.st_mode) && !S_ISCHR(sb.st_mode))
        rc = fail(EINVAL, "/dev/console in the container is neither a file nor a character device");
    else if (sfs.f_type == PROC_SUPER_MAGIC || sfs.f_type == SYSFS_MAGIC)
        rc = fail(EINVAL, "/dev/console in the container is on procfs or sysfs");
    char from[32], to[32];
    if (rc == 0 && mount(fd_path(slave, from), fd_path(fd, to), NULL, MS_BIND, NULL) < 0)
        rc = fail(errno, "bind mount the pty on /dev/console");
    close(fd);
    return rc;
}

int op_move_mount_in_root(struct rd *r)
{
    uint32_t slot = rd_u32(r);
    const char *target = rd_str(r);
    int create = rd_u8(r);
    if (rd_ok(r) < 0)
        return -1;
    if (target == NULL)
        return fail(EINVAL, "malformed plan: move a mount without a target");
    int mnt = slot_fd(slot);
    if (mnt < 0)
        return -1;
    int fd = in_root_open(target, create, 0755);
    if (fd < 0)
        return -1;
    int rc = syscall(SYS_move_mount, mnt, "", fd, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0
                 ? fail(errno, "mount the id-mapped %s", target) : 0;
    close(fd);
    return rc;
}
