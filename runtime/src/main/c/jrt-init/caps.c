/* Privileges: no_new_privs, user and groups, capability sets, seccomp. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "jrt-init.h"

struct capsets {
    struct __user_cap_data_struct data[2];
};

static int cap_get(struct capsets *c)
{
    struct __user_cap_header_struct head = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
    if (syscall(SYS_capget, &head, c->data) < 0)
        return fail(errno, "capget");
    return 0;
}

static int cap_set(const struct capsets *c)
{
    struct __user_cap_header_struct head = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
    if (syscall(SYS_capset, &head, c->data) < 0)
        return fail(errno, "capset (effective 0x%08x%08x, permitted 0x%08x%08x, inheritable 0x%08x%08x)",
                    c->data[1].effective, c->data[0].effective, c->data[1].permitted,
                    c->data[0].permitted, c->data[1].inheritable, c->data[0].inheritable);
    return 0;
}

static int last_cap(void)
{
    int c = 0;
    while (c < 63 && prctl(PR_CAPBSET_READ, c + 1, 0, 0, 0) >= 0)
        c++;
    return c;
}

static uint64_t ambient_now(int last)
{
    uint64_t mask = 0;
    for (int c = 0; c <= last; c++)
        if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, c, 0, 0) == 1)
            mask |= 1ULL << c;
    return mask;
}

static int set_ambient(uint64_t mask, int last)
{
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0)
        return fail(errno, "clear the ambient capabilities");
    for (int c = 0; c <= last; c++)
        if ((mask >> c & 1) && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, c, 0, 0) < 0)
            return fail(errno, "raise ambient capability %d", c);
    return 0;
}

int op_no_new_privileges(struct rd *r)
{
    if (rd_ok(r) < 0)
        return -1;
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
        return fail(errno, "prctl(PR_SET_NO_NEW_PRIVS)");
    return 0;
}

static int setgroups_denied(void)
{
    char buf[8] = { 0 };
    int fd = open("/proc/self/setgroups", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    return n > 0 && strncmp(buf, "deny", 4) == 0;
}

/*
 * The capability sets survive the uid change (whatever order the plan puts SetUser and
 * Capabilities in): the kernel clears effective and ambient when uid 0 goes away, so save
 * and restore them around it, with PR_SET_KEEPCAPS keeping the permitted set.
 */
int op_set_user(struct rd *r)
{
    uid_t uid = rd_u32(r);
    gid_t gid = rd_u32(r);
    uint32_t ngroups = rd_u32(r);
    gid_t groups[256];
    if (ngroups > 256)
        return fail(EINVAL, "%u additional groups: at most 256", ngroups);
    for (uint32_t i = 0; i < ngroups; i++)
        groups[i] = rd_u32(r);
    if (rd_ok(r) < 0)
        return -1;
    struct capsets saved;
    int last = last_cap();
    uint64_t ambient = ambient_now(last);
    if (cap_get(&saved) < 0)
        return -1;
    if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
        return fail(errno, "prctl(PR_SET_KEEPCAPS)");
    if (setgroups(ngroups, groups) < 0 && !(errno == EPERM && ngroups == 0 && setgroups_denied()))
        return fail(errno, "setgroups (%u groups)", ngroups);
    if (setresgid(gid, gid, gid) < 0)
        return fail(errno, "setresgid %u", gid);
    if (setresuid(uid, uid, uid) < 0)
        return fail(errno, "setresuid %u", uid);
    if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0)
        return fail(errno, "prctl(PR_SET_KEEPCAPS)");
    /* a uid change resets dumpable to fs.suid_dumpable: stay undumpable until execve */
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
        return fail(errno, "prctl(PR_SET_DUMPABLE)");
    if (cap_set(&saved) < 0)
        return -1;
    return ambient ? set_ambient(ambient, last) : 0;
}

int op_capabilities(struct rd *r)
{
    uint64_t bounding = rd_u64(r), effective = rd_u64(r), permitted = rd_u64(r);
    uint64_t inheritable = rd_u64(r), ambient = rd_u64(r);
    if (rd_ok(r) < 0)
        return -1;
    int last = last_cap();
    for (int c = 0; c <= last; c++)
        if (!(bounding >> c & 1) && prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0)
            return fail(errno, "drop capability %d from the bounding set", c);
    struct capsets sets;
    for (int i = 0; i < 2; i++) {
        sets.data[i].effective = (uint32_t)(effective >> (32 * i));
        sets.data[i].permitted = (uint32_t)(permitted >> (32 * i));
        sets.data[i].inheritable = (uint32_t)(inheritable >> (32 * i));
    }
    if (cap_set(&sets) < 0)
        return -1;
    return set_ambient(ambient, last);
}

int op_seccomp(struct rd *r)
{
    uint32_t len;
    const uint8_t *bytes = rd_bytes(r, &len);
    uint32_t flags = rd_u32(r);
    if (rd_ok(r) < 0)
        return -1;
    if (len == 0 || len % sizeof(struct sock_filter) != 0 || len / sizeof(struct sock_filter) > 0xffff)
        return fail(EINVAL, "seccomp program of %u bytes is not a list of BPF instructions", len);
    struct sock_filter *filter = malloc(len); /* the plan buffer is not aligned */
    if (filter == NULL)
        return fail(ENOMEM, "load seccomp program");
    memcpy(filter, bytes, len);
    struct sock_fprog prog = { .len = (unsigned short)(len / sizeof(struct sock_filter)), .filter = filter };
    long rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog);
    free(filter);
    if (rc < 0)
        return fail(errno, "load seccomp program (%u instructions, flags 0x%x)", prog.len, flags);
    return 0;
}
