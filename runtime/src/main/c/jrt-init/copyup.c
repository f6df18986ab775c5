/*
 * tmpcopyup: a tmpfs mounted over a directory in root starts with a copy of what the directory
 * held. Everything is copied with *at() calls relative to directory descriptors and never through
 * a symlink (links are copied as links), so a hostile rootfs cannot lead the copy out of it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "jrt-init.h"

static int copy_tree(int from, int to, const char *shown, int depth);

static int copy_file(int from, int to, const char *name, const struct stat *sb, const char *shown)
{
    int in = openat(from, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (in < 0)
        return fail(errno, "tmpcopyup: open %s/%s", shown, name);
    int out = openat(to, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, sb->st_mode & 07777);
    if (out < 0) {
        close(in);
        return fail(errno, "tmpcopyup: create %s/%s", shown, name);
    }
    char buf[65536];
    int rc = 0;
    for (;;) {
        ssize_t n = read(in, buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = fail(errno, "tmpcopyup: read %s/%s", shown, name);
            break;
        }
        if (n == 0)
            break;
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(out, buf + off, (size_t)(n - off));
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0) {
                rc = fail(errno, "tmpcopyup: write %s/%s", shown, name);
                break;
            }
            off += w;
        }
        if (rc < 0)
            break;
    }
    close(in);
    close(out);
    return rc;
}

/* owner, mode (after chown, which clears set-id bits) and times of name in to, as in sb */
static int copy_attrs(int to, const char *name, const struct stat *sb, const char *shown)
{
    if (fchownat(to, name, sb->st_uid, sb->st_gid, AT_SYMLINK_NOFOLLOW) < 0)
        return fail(errno, "tmpcopyup: chown %s/%s", shown, name);
    if (!S_ISLNK(sb->st_mode) && fchmodat(to, name, sb->st_mode & 07777, 0) < 0)
        return fail(errno, "tmpcopyup: chmod %s/%s", shown, name);
    struct timespec t[2] = { sb->st_atim, sb->st_mtim };
    if (utimensat(to, name, t, AT_SYMLINK_NOFOLLOW) < 0)
        return fail(errno, "tmpcopyup: set times of %s/%s", shown, name);
    return 0;
}

static int copy_entry(int from, int to, const char *name, const char *shown, int depth)
{
    struct stat sb;
    if (fstatat(from, name, &sb, AT_SYMLINK_NOFOLLOW) < 0)
        return fail(errno, "tmpcopyup: stat %s/%s", shown, name);
    if (S_ISDIR(sb.st_mode)) {
        if (mkdirat(to, name, 0700) < 0)
            return fail(errno, "tmpcopyup: mkdir %s/%s", shown, name);
        int f = openat(from, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        int t = openat(to, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        int rc = f < 0 || t < 0 ? fail(errno, "tmpcopyup: open %s/%s", shown, name) : copy_tree(f, t, shown, depth + 1);
        if (f >= 0)
            close(f);
        if (t >= 0)
            close(t);
        if (rc < 0)
            return rc;
    } else if (S_ISLNK(sb.st_mode)) {
        char target[4096];
        ssize_t n = readlinkat(from, name, target, sizeof(target) - 1);
        if (n < 0)
            return fail(errno, "tmpcopyup: readlink %s/%s", shown, name);
        target[n] = 0;
        if (symlinkat(target, to, name) < 0)
            return fail(errno, "tmpcopyup: symlink %s/%s", shown, name);
    } else if (S_ISREG(sb.st_mode)) {
        if (copy_file(from, to, name, &sb, shown) < 0)
            return -1;
    } else if (mknodat(to, name, sb.st_mode, sb.st_rdev) < 0) {
        return fail(errno, "tmpcopyup: mknod %s/%s", shown, name);
    }
    return copy_attrs(to, name, &sb, shown);
}

static int copy_tree(int from, int to, const char *shown, int depth)
{
    if (depth > 256)
        return fail(ELOOP, "tmpcopyup: %s is nested too deeply", shown);
    int d = dup(from);
    if (d < 0)
        return fail(errno, "tmpcopyup: dup");
    DIR *dir = fdopendir(d);
    if (dir == NULL) {
        close(d);
        return fail(errno, "tmpcopyup: read %s", shown);
    }
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (errno = 0, e = readdir(dir)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        rc = copy_entry(from, to, e->d_name, shown, depth);
    }
    if (rc == 0 && errno != 0)
        rc = fail(errno, "tmpcopyup: read %s", shown);
    closedir(dir);
    return rc;
}

int op_tmpfs_copy_up(struct rd *r)
{
    const char *target = rd_str(r);
    unsigned long flags = rd_u64(r);
    const char *data = rd_str(r);
    if (rd_ok(r) < 0)
        return -1;
    if (target == NULL)
        return fail(EINVAL, "malformed plan: tmpcopyup without a target");
    int fd = in_root_open(target, CREATE_DIR, 0755);
    if (fd < 0)
        return -1;
    /* what the directory holds, read through a descriptor that stays under the new mount */
    char buf[32];
    int lower = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (lower < 0) {
        close(fd);
        return fail(errno, "open %s", target);
    }
    struct stat sb;
    int rc = fstat(lower, &sb) < 0 ? fail(errno, "stat %s", target) : 0;
    if (rc == 0 && mount("tmpfs", fd_path(fd, buf), "tmpfs", flags & ~MS_RDONLY, data) < 0)
        rc = fail(errno, "mount tmpfs on %s", target);
    close(fd);
    int upper = -1;
    if (rc == 0 && (upper = in_root_open_flags(target, O_RDONLY | O_DIRECTORY)) < 0)
        rc = fail(errno, "open the tmpfs on %s", target);
    if (rc == 0)
        rc = copy_tree(lower, upper, target, 0);
    if (rc == 0 && (fchown(upper, sb.st_uid, sb.st_gid) < 0 || fchmod(upper, sb.st_mode & 07777) < 0))
        rc = fail(errno, "tmpcopyup: owner and mode of %s", target);
    if (rc == 0 && (flags & MS_RDONLY)) {
        if (mount(NULL, fd_path(upper, buf), NULL, MS_REMOUNT | (flags & ~MS_REC), data) < 0)
            rc = fail(errno, "remount the tmpfs on %s read-only", target);
    }
    close(lower);
    if (upper >= 0)
        close(upper);
    return rc;
}
