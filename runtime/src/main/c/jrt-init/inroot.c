/*
 * Paths "in root": resolved inside the container's root (st.root) with openat2 RESOLVE_IN_ROOT,
 * so that no symlink or ".." in the hostile rootfs can lead out of it. Missing targets are
 * created one component at a time next to their already-resolved parent.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "jrt-init.h"

const char *fd_path(int fd, char buf[32])
{
    snprintf(buf, 32, "/proc/self/fd/%d", fd);
    return buf;
}

static int resolve(int root, const char *path, uint64_t flags)
{
    struct open_how how = {
        .flags = flags | O_CLOEXEC,
        .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
    };
    int fd;
    do
        fd = (int)syscall(SYS_openat2, root, path, &how, sizeof(how));
    while (fd < 0 && errno == EAGAIN);
    return fd;
}

static int open_root(void)
{
    int root = open(st.root, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (root < 0)
        fail(errno, "open root %s", st.root);
    return root;
}

int in_root_open_flags(const char *path, int flags)
{
    int root = open(st.root, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (root < 0)
        return -1;
    int fd = resolve(root, path, (uint64_t)flags);
    int err = errno;
    close(root);
    errno = err;
    return fd;
}

/* Create the missing components of path (at most the last one as a file) and open it. */
static int create_path(int root, const char *path, int create, mode_t mode)
{
    char prefix[PATH_MAX];
    size_t len = 0;
    int parent = dup(root);
    const char *p = path;
    if (parent < 0)
        return fail(errno, "dup");
    for (;;) {
        while (*p == '/')
            p++;
        if (*p == 0)
            return parent;
        const char *end = strchrnul(p, '/');
        size_t clen = (size_t)(end - p);
        if (len + clen + 2 >= sizeof(prefix)) {
            close(parent);
            return fail(ENAMETOOLONG, "create %s in %s", path, st.root);
        }
        prefix[len++] = '/';
        memcpy(prefix + len, p, clen);
        len += clen;
        prefix[len] = 0;
        char name[NAME_MAX + 1];
        snprintf(name, sizeof(name), "%.*s", (int)clen, p);
        int last = *end == 0 || end[strspn(end, "/")] == 0;
        p = end;

        int fd = resolve(root, prefix, O_PATH);
        if (fd < 0 && errno == ENOENT) {
            int r;
            if (last && create == CREATE_FILE) {
                r = openat(parent, name, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644);
                if (r >= 0)
                    close(r);
            } else {
                r = mkdirat(parent, name, mode);
            }
            if (r < 0 && errno != EEXIST) {
                int err = errno;
                close(parent);
                return fail(err, "create %s in %s", prefix, st.root);
            }
            fd = resolve(root, prefix, O_PATH);
        }
        if (fd < 0) {
            int err = errno;
            close(parent);
            return fail(err, "open %s in %s", prefix, st.root);
        }
        close(parent);
        parent = fd;
    }
}

int in_root_open(const char *path, int create, mode_t mode)
{
    int root = open_root();
    if (root < 0)
        return -1;
    int fd = resolve(root, path, O_PATH);
    if (fd < 0 && errno == ENOENT && create != CREATE_NONE)
        fd = create_path(root, path, create, mode);
    else if (fd < 0 && errno == ENOSYS)
        fail(ENOSYS, "openat2 is not available: jrt needs Linux 5.6 or later");
    else if (fd < 0)
        fail(errno, "open %s in %s", path, st.root);
    int err = errno;
    close(root);
    errno = err;
    return fd;
}

int in_root_open_parent(const char *path, char name[256])
{
    char dir[PATH_MAX];
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    if (len >= sizeof(dir))
        return fail(ENAMETOOLONG, "%s", path);
    memcpy(dir, path, len);
    dir[len] = 0;
    char *slash = strrchr(dir, '/');
    const char *base = slash ? slash + 1 : dir;
    if (*base == 0 || strcmp(base, ".") == 0 || strcmp(base, "..") == 0 || strlen(base) > 255)
        return fail(EINVAL, "%s: not a name that can be created", path);
    snprintf(name, 256, "%s", base);
    if (slash == NULL)
        snprintf(dir, sizeof(dir), "/");
    else
        slash[1] = 0;
    return in_root_open(dir, CREATE_DIR, 0755);
}
