/* Filesystem ops: mounts, nodes and links in root, pivot_root, masked and read-only paths. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/mount.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "jrt-init.h"

#define PROPAGATION (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE)
/* flags a bind mount only gets from the remount that follows it */
#define BIND_REMOUNT (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME | MS_RELATIME | MS_STRICTATIME)
/* per-mount flags that a less privileged user namespace may not clear */
#define LOCKED (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME | MS_RELATIME)

static const char *or_none(const char *s)
{
    return s ? s : "none";
}

/* Remount a bind mount with flags; in a user namespace keep the flags the kernel locked. */
static int bind_remount(const char *path, unsigned long flags, const char *shown)
{
    flags = (flags & ~(PROPAGATION | MS_REC)) | MS_BIND | MS_REMOUNT;
    if (mount(NULL, path, NULL, flags, NULL) == 0)
        return 0;
    struct statfs sfs;
    if (errno == EPERM && statfs(path, &sfs) == 0 &&
        mount(NULL, path, NULL, flags | ((unsigned long)sfs.f_flags & LOCKED), NULL) == 0)
        return 0;
    return fail(errno, "remount %s with flags 0x%lx", shown, flags);
}

static int host_create(const char *path, int create)
{
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
        return fail(ENAMETOOLONG, "create %s", path);
    for (char *p = buf + 1;; p++) {
        int end = *p == 0;
        if (*p == '/' || end) {
            *p = 0;
            int r = (end && create == CREATE_FILE)
                        ? open(buf, O_CREAT | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644)
                        : mkdir(buf, 0755);
            if (r < 0 && errno != EEXIST)
                return fail(errno, "create %s", buf);
            if (r >= 0 && end && create == CREATE_FILE)
                close(r);
            if (end)
                return 0;
            *p = '/';
        }
    }
}

int op_set_propagation(struct rd *r)
{
    const char *target = rd_str(r);
    unsigned long flags = rd_u64(r);
    if (rd_ok(r) < 0)
        return -1;
    if (mount(NULL, target, NULL, flags, NULL) < 0)
        return fail(errno, "set propagation 0x%lx of %s", flags, target);
    return 0;
}

int op_mount(struct rd *r)
{
    const char *source = rd_str(r), *target = rd_str(r);
    int in_root = rd_u8(r);
    const char *fstype = rd_str(r);
    unsigned long flags = rd_u64(r);
    const char *data = rd_str(r);
    int create = rd_u8(r);
    if (rd_ok(r) < 0)
        return -1;
    if (target == NULL)
        return fail(EINVAL, "malformed plan: mount without target");

    char buf[32];
    int fd = -1;
    const char *path = target;
    if (in_root) {
        if ((fd = in_root_open(target, create, 0755)) < 0)
            return -1;
        path = fd_path(fd, buf);
    } else if (create != CREATE_NONE && host_create(target, create) < 0) {
        return -1;
    }
    int rc = 0;
    unsigned long first = flags & ~PROPAGATION;
    if (flags & MS_BIND)
        first &= ~BIND_REMOUNT;
    if (first != 0 || source != NULL || fstype != NULL) {
        if (mount(source, path, fstype, first, data) < 0)
            rc = fail(errno, "mount %s on %s", or_none(source), target);
    }
    if (rc == 0 && (flags & MS_BIND) && (flags & BIND_REMOUNT)) {
        /* the fd still names the mountpoint under the new mount: resolve again */
        if (in_root) {
            close(fd);
            if ((fd = in_root_open(target, CREATE_NONE, 0)) < 0)
                return -1;
            path = fd_path(fd, buf);
        }
        rc = bind_remount(path, flags, target);
    }
    if (rc == 0 && (flags & PROPAGATION)) {
        /* the new mount's own target, not the mountpoint under it */
        if (in_root) {
            close(fd);
            if ((fd = in_root_open(target, CREATE_NONE, 0)) < 0)
                return -1;
            path = fd_path(fd, buf);
        }
        if (mount(NULL, path, NULL, flags & (PROPAGATION | MS_REC), NULL) < 0)
            rc = fail(errno, "set propagation of %s", target);
    }
    if (fd >= 0)
        close(fd);
    return rc;
}

int op_mkdir(struct rd *r)
{
    const char *path = rd_str(r);
    mode_t mode = rd_u32(r);
    if (rd_ok(r) < 0)
        return -1;
    int fd = in_root_open(path, CREATE_DIR, mode);
    if (fd < 0)
        return -1;
    struct stat sb;
    int rc = fstat(fd, &sb) < 0 ? fail(errno, "stat %s", path)
             : !S_ISDIR(sb.st_mode) ? fail(ENOTDIR, "mkdir %s", path) : 0;
    close(fd);
    return rc;
}

/* The spec: a file that already exists at a device's path must be that very device. */
static int check_existing_device(int dir, const char *name, const char *path, mode_t type, dev_t dev)
{
    struct stat sb;
    if (fstatat(dir, name, &sb, AT_SYMLINK_NOFOLLOW) < 0)
        return fail(errno, "stat %s", path);
    if ((sb.st_mode & S_IFMT) != type || (type != S_IFIFO && sb.st_rdev != dev))
        return fail(EEXIST, "device %s: a different file already exists there", path);
    return 0;
}

int op_mknod(struct rd *r)
{
    const char *path = rd_str(r);
    mode_t mode = rd_u32(r);
    unsigned int major = rd_u32(r), minor = rd_u32(r);
    uid_t uid = rd_u32(r);
    gid_t gid = rd_u32(r);
    if (rd_ok(r) < 0)
        return -1;
    char name[256];
    int dir = in_root_open_parent(path, name);
    if (dir < 0)
        return -1;
    int rc = 0;
    if (mknodat(dir, name, mode, makedev(major, minor)) < 0) {
        if (errno != EEXIST)
            rc = fail(errno, "mknod %s", path);
        else
            rc = check_existing_device(dir, name, path, mode & S_IFMT, makedev(major, minor));
    } else if (fchownat(dir, name, uid, gid, AT_SYMLINK_NOFOLLOW) < 0) {
        rc = fail(errno, "chown %s", path);
    } else if (fchmodat(dir, name, mode & 07777, 0) < 0) {
        rc = fail(errno, "chmod %s", path);
    }
    close(dir);
    return rc;
}

int op_bind_device(struct rd *r)
{
    const char *host = rd_str(r), *path = rd_str(r);
    if (rd_ok(r) < 0)
        return -1;
    struct stat hsb, sb;
    if (stat(host, &hsb) < 0)
        return fail(errno, "stat %s", host);
    int fd = in_root_open_flags(path, O_PATH | O_NOFOLLOW);
    if (fd >= 0) {
        int same = fstat(fd, &sb) == 0 && (sb.st_mode & S_IFMT) == (hsb.st_mode & S_IFMT) &&
                   sb.st_rdev == hsb.st_rdev;
        close(fd);
        if (!same)
            return fail(EEXIST, "device %s: a different file already exists there", path);
    } else if (errno == ELOOP) {
        return fail(EEXIST, "device %s: a symlink already exists there", path);
    } else if (errno != ENOENT) {
        return fail(errno, "open %s", path);
    }
    fd = in_root_open(path, CREATE_FILE, 0755);
    if (fd < 0)
        return -1;
    char buf[32];
    int rc = mount(host, fd_path(fd, buf), NULL, MS_BIND, NULL) < 0
                 ? fail(errno, "bind mount %s on %s", host, path) : 0;
    close(fd);
    return rc;
}

int op_symlink(struct rd *r)
{
    const char *target = rd_str(r), *link = rd_str(r);
    if (rd_ok(r) < 0)
        return -1;
    char name[256];
    int dir = in_root_open_parent(link, name);
    if (dir < 0)
        return -1;
    int rc = symlinkat(target, dir, name) < 0 && errno != EEXIST
                 ? fail(errno, "symlink %s -> %s", link, target) : 0;
    close(dir);
    return rc;
}

/* mountinfo escapes space, tab, newline and backslash as \ooo; undo it in place. */
static void unescape(char *s)
{
    char *out = s;
    for (; *s; s++) {
        if (s[0] == '\\' && s[1] >= '0' && s[1] <= '7' && s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
            *out++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
            s += 3;
        } else {
            *out++ = *s;
        }
    }
    *out = 0;
}

struct mount_line {
    unsigned id, parent;
    char root[PATH_MAX], point[PATH_MAX], fstype[64];
};

/* The next line of mountinfo, parsed; 0 at the end. A line too long for the buffer is skipped. */
static int next_mount(FILE *f, struct mount_line *m)
{
    static char line[3 * PATH_MAX];
    while (fgets(line, sizeof line, f)) {
        if (!strchr(line, '\n')) {
            int c;
            while ((c = fgetc(f)) != EOF && c != '\n')
                ;
            continue;
        }
        char *dash = strstr(line, " - ");
        if (!dash || sscanf(line, "%u %u %*s %4095s %4095s", &m->id, &m->parent, m->root, m->point) != 4 ||
            sscanf(dash + 3, "%63s", m->fstype) != 1)
            continue;
        unescape(m->root);
        unescape(m->point);
        return 1;
    }
    return 0;
}

/*
 * Whether pivot_root cannot work from this root at all: the root is the kernel's initial rootfs
 * (an initramfs), the namespace's root mount, which is its own parent in mountinfo.
 */
static int root_cannot_pivot(void)
{
    FILE *f = fopen("/proc/self/mountinfo", "re");
    if (!f)
        return 0;
    struct mount_line m;
    int parentless = 0;
    while (next_mount(f, &m)) {
        if (strcmp(m.point, "/") == 0)
            parentless = m.id == m.parent;
    }
    fclose(f);
    return parentless;
}

/*
 * As runc before MS_MOVE: every full procfs and sysfs outside the rootfs stays in the mount
 * namespace under the chroot, where the kernel's check before mounting a new procfs or sysfs
 * looks; detach them, or cover one with an empty tmpfs where it cannot be detached.
 */
static int hide_host_proc_sys(const char *real)
{
    size_t n = strlen(real);
    FILE *f = fopen("/proc/self/mountinfo", "re");
    if (!f)
        return fail(errno, "open /proc/self/mountinfo");
    struct mount_line m;
    int rc = 0;
    while (rc == 0 && next_mount(f, &m)) {
        if (strcmp(m.root, "/") != 0 || (strcmp(m.fstype, "proc") != 0 && strcmp(m.fstype, "sysfs") != 0))
            continue;
        if (strncmp(m.point, real, n) == 0 && (m.point[n] == '/' || m.point[n] == 0))
            continue;
        if (mount(NULL, m.point, NULL, MS_SLAVE | MS_REC, NULL) < 0 && errno != EINVAL && errno != ENOENT)
            rc = fail(errno, "make %s a slave", m.point);
        else if (umount2(m.point, MNT_DETACH) < 0 && errno == EPERM &&
                 mount("tmpfs", m.point, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=0") < 0)
            rc = fail(errno, "cover %s", m.point);
        /* EINVAL or ENOENT: gone with a parent detached before */
    }
    fclose(f);
    return rc;
}

/* --no-pivot, and where pivot_root cannot work: move the rootfs onto / and chroot into it. */
static int move_root(const char *rootfs)
{
    char real[PATH_MAX]; /* the rootfs may be /proc/self/fd/N, gone with the host's procfs */
    if (!realpath(rootfs, real))
        return fail(errno, "resolve %s", rootfs);
    if (chdir(rootfs) < 0)
        return fail(errno, "chdir %s", rootfs);
    if (hide_host_proc_sys(real) < 0)
        return -1;
    if (mount(".", "/", NULL, MS_MOVE, NULL) < 0)
        return fail(errno, "move mount %s to /", rootfs);
    if (chroot(".") < 0)
        return fail(errno, "chroot %s", rootfs);
    return 0;
}

int op_pivot_root(struct rd *r)
{
    const char *rootfs = rd_str(r);
    int no_pivot = rd_u8(r);
    if (rd_ok(r) < 0)
        return -1;
    if (no_pivot) {
        if (move_root(rootfs) < 0)
            return -1;
    } else {
        /* runc's way: pivot_root(".", ".") stacks the old root on the new one; detach it. */
        int oldroot = open("/", O_DIRECTORY | O_RDONLY | O_CLOEXEC);
        if (oldroot < 0)
            return fail(errno, "open /");
        int newroot = open(rootfs, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
        if (newroot < 0)
            return fail(errno, "open %s", rootfs);
        if (fchdir(newroot) < 0)
            return fail(errno, "chdir %s", rootfs);
        if (syscall(SYS_pivot_root, ".", ".") < 0) {
            int err = errno;
            close(oldroot);
            close(newroot);
            /* runc fails here and tells users to pass --no-pivot; jrt falls back to it itself */
            if (err != EINVAL || !root_cannot_pivot())
                return fail(err, "pivot_root %s", rootfs);
            if (move_root(rootfs) < 0)
                return -1;
        } else {
            if (fchdir(oldroot) < 0)
                return fail(errno, "chdir to the old root");
            if (mount(NULL, ".", NULL, MS_SLAVE | MS_REC, NULL) < 0)
                return fail(errno, "make the old root a slave");
            if (umount2(".", MNT_DETACH) < 0)
                return fail(errno, "unmount the old root");
            close(oldroot);
            close(newroot);
        }
    }
    if (chdir("/") < 0)
        return fail(errno, "chdir /");
    st.root = "/";
    return 0;
}

int op_write_file(struct rd *r)
{
    const char *path = rd_str(r);
    uint32_t len;
    const uint8_t *content = rd_bytes(r, &len);
    if (rd_ok(r) < 0)
        return -1;
    int fd = in_root_open_flags(path, O_WRONLY);
    if (fd < 0)
        return fail(errno, "open %s", path);
    ssize_t n = write(fd, content, len);
    int err = errno;
    close(fd);
    if (n != (ssize_t)len)
        return fail(n < 0 ? err : EIO, "write %s", path);
    return 0;
}

/* CVE-2025-31133: the container's /dev/null may be anything; only the real 1:3 may be used. */
static int open_dev_null(void)
{
    int fd = in_root_open_flags("/dev/null", O_PATH);
    if (fd < 0)
        return fail(errno, "open /dev/null in the container");
    struct stat sb;
    if (fstat(fd, &sb) < 0 || !S_ISCHR(sb.st_mode) || sb.st_rdev != makedev(1, 3)) {
        close(fd);
        return fail(EPERM, "/dev/null in the container is not the null device (1:3)");
    }
    return fd;
}

int op_mask_path(struct rd *r)
{
    const char *path = rd_str(r);
    if (rd_ok(r) < 0)
        return -1;
    int fd = in_root_open_flags(path, O_PATH);
    if (fd < 0)
        return errno == ENOENT ? 0 : fail(errno, "open %s", path);
    struct stat sb;
    char buf[32], nbuf[32];
    int rc;
    if (fstat(fd, &sb) < 0) {
        rc = fail(errno, "stat %s", path);
    } else if (S_ISDIR(sb.st_mode)) {
        rc = mount("tmpfs", fd_path(fd, buf), "tmpfs", MS_RDONLY, NULL) < 0
                 ? fail(errno, "mask %s with a read-only tmpfs", path) : 0;
    } else {
        int null = open_dev_null();
        rc = null < 0 ? -1
             : mount(fd_path(null, nbuf), fd_path(fd, buf), NULL, MS_BIND, NULL) < 0
                 ? fail(errno, "mask %s with /dev/null", path) : 0;
        if (null >= 0)
            close(null);
    }
    close(fd);
    return rc;
}

int op_readonly_path(struct rd *r)
{
    const char *path = rd_str(r);
    if (rd_ok(r) < 0)
        return -1;
    int fd = in_root_open_flags(path, O_PATH);
    if (fd < 0)
        return errno == ENOENT ? 0 : fail(errno, "open %s", path);
    char buf[32];
    if (mount(fd_path(fd, buf), fd_path(fd, buf), NULL, MS_BIND | MS_REC, NULL) < 0) {
        close(fd);
        return fail(errno, "bind mount %s on itself", path);
    }
    close(fd);
    if ((fd = in_root_open_flags(path, O_PATH)) < 0)
        return fail(errno, "open %s", path);
    struct mount_attr attr = { .attr_set = MOUNT_ATTR_RDONLY };
    int rc = 0;
    if (syscall(SYS_mount_setattr, fd, "", AT_EMPTY_PATH | AT_RECURSIVE, &attr, sizeof(attr)) < 0)
        rc = errno == ENOSYS ? bind_remount(fd_path(fd, buf), MS_RDONLY, path)
                             : fail(errno, "make %s read-only", path);
    close(fd);
    return rc;
}

int op_readonly_root(struct rd *r)
{
    if (rd_ok(r) < 0)
        return -1;
    return bind_remount("/", MS_RDONLY, "/");
}

int op_set_hostname(struct rd *r, int domain)
{
    const char *name = rd_str(r);
    if (rd_ok(r) < 0)
        return -1;
    size_t len = name ? strlen(name) : 0;
    if ((domain ? setdomainname(name, len) : sethostname(name, len)) < 0)
        return fail(errno, "set %s %s", domain ? "domainname" : "hostname", name);
    return 0;
}
