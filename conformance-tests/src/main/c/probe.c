/*
 * probe: a small static program that runs inside a container under test and
 * reports, as JSON on stdout, what the process sees; or performs one small
 * action and reports its outcome.
 *
 * Build: gcc -static -O2 -Wall -Wextra -Werror -o build/probe probe.c
 *
 * Subcommands (one per call, like crun's tests/init.c):
 *   probe report              full JSON report of the process environment
 *   probe exit CODE           exit with CODE
 *   probe sleep SECONDS       sleep, then exit 0
 *   probe syscall NAME        try one syscall, print {"syscall","ret","errno"}
 *   probe write PATH DATA     write DATA to PATH (O_CREAT|O_TRUNC), print outcome
 *   probe cat PATH            copy PATH to stdout (exit 1 if it cannot be read)
 *   probe stat PATH           print lstat() of PATH as JSON (type, mode, rdev, target)
 *   probe alloc MB            allocate and touch MB megabytes, print outcome
 *   probe fork N              fork N sleeping children, print how many succeeded
 *   probe signals PATH        wait for a signal, append its number to PATH, exit 0
 *   probe echo TEXT           print TEXT to stdout and "err:" TEXT to stderr
 *
 * Exit status: 0 when the action succeeded, 1 when it failed (the JSON says
 * why), 2 on bad usage.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/netlink.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* ---------- JSON output ---------- */

static int need_comma;

static void json_str(const char *s)
{
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", stdout); break;
        case '\\': fputs("\\\\", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        default:
            if (*p < 0x20 || *p >= 0x7f)
                printf("\\u%04x", *p);
            else
                putchar(*p);
        }
    }
    putchar('"');
}

static void sep(void)
{
    if (need_comma)
        putchar(',');
    need_comma = 1;
}

static void key(const char *k)
{
    sep();
    json_str(k);
    putchar(':');
    need_comma = 0;
}

static void obj_begin(void) { putchar('{'); need_comma = 0; }
static void obj_end(void) { putchar('}'); need_comma = 1; }
static void arr_begin(void) { putchar('['); need_comma = 0; }
static void arr_end(void) { putchar(']'); need_comma = 1; }

static void kv_str(const char *k, const char *v)
{
    key(k);
    if (v)
        json_str(v);
    else
        fputs("null", stdout);
    need_comma = 1;
}

static void kv_long(const char *k, long long v)
{
    key(k);
    printf("%lld", v);
    need_comma = 1;
}

static void kv_ulong(const char *k, unsigned long long v)
{
    key(k);
    printf("%llu", v);
    need_comma = 1;
}

static void kv_bool(const char *k, int v)
{
    key(k);
    fputs(v ? "true" : "false", stdout);
    need_comma = 1;
}

static void el_str(const char *v)
{
    sep();
    json_str(v);
}

static void el_long(long long v)
{
    sep();
    printf("%lld", v);
}

/* ---------- helpers ---------- */

/* Reads a whole small file into a static-size heap buffer; NULL on error. */
static char *slurp(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    if (!buf) {
        close(fd);
        return NULL;
    }
    for (;;) {
        if (len + 1 >= cap) {
            cap *= 2;
            char *n = realloc(buf, cap);
            if (!n) {
                free(buf);
                close(fd);
                return NULL;
            }
            buf = n;
        }
        ssize_t r = read(fd, buf + len, cap - len - 1);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            free(buf);
            close(fd);
            return NULL;
        }
        if (r == 0)
            break;
        len += (size_t)r;
    }
    buf[len] = '\0';
    close(fd);
    return buf;
}

/* Emits each line of a file as an array element; null if unreadable. */
static void kv_lines(const char *k, const char *path)
{
    char *s = slurp(path);
    key(k);
    if (!s) {
        fputs("null", stdout);
        need_comma = 1;
        return;
    }
    arr_begin();
    char *save = NULL;
    for (char *line = strtok_r(s, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
        el_str(line);
    arr_end();
    free(s);
}

/* Value of "Field:" in /proc/self/status, trimmed; NULL if absent. */
static char *status_field(const char *status, const char *field, char *out, size_t outlen)
{
    size_t flen = strlen(field);
    for (const char *p = status; p && *p;) {
        if (strncmp(p, field, flen) == 0 && p[flen] == ':') {
            p += flen + 1;
            while (*p == ' ' || *p == '\t')
                p++;
            size_t n = strcspn(p, "\n");
            if (n >= outlen)
                n = outlen - 1;
            memcpy(out, p, n);
            out[n] = '\0';
            return out;
        }
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return NULL;
}

/* ---------- report ---------- */

static const struct {
    const char *name;
    int resource;
} rlimit_names[] = {
    {"RLIMIT_AS", RLIMIT_AS},           {"RLIMIT_CORE", RLIMIT_CORE},
    {"RLIMIT_CPU", RLIMIT_CPU},         {"RLIMIT_DATA", RLIMIT_DATA},
    {"RLIMIT_FSIZE", RLIMIT_FSIZE},     {"RLIMIT_LOCKS", RLIMIT_LOCKS},
    {"RLIMIT_MEMLOCK", RLIMIT_MEMLOCK}, {"RLIMIT_MSGQUEUE", RLIMIT_MSGQUEUE},
    {"RLIMIT_NICE", RLIMIT_NICE},       {"RLIMIT_NOFILE", RLIMIT_NOFILE},
    {"RLIMIT_NPROC", RLIMIT_NPROC},     {"RLIMIT_RSS", RLIMIT_RSS},
    {"RLIMIT_RTPRIO", RLIMIT_RTPRIO},   {"RLIMIT_RTTIME", RLIMIT_RTTIME},
    {"RLIMIT_SIGPENDING", RLIMIT_SIGPENDING}, {"RLIMIT_STACK", RLIMIT_STACK},
};

static void report_ids(void)
{
    uid_t ruid, euid, suid;
    gid_t rgid, egid, sgid;
    getresuid(&ruid, &euid, &suid);
    getresgid(&rgid, &egid, &sgid);
    kv_long("uid", ruid);
    kv_long("euid", euid);
    kv_long("suid", suid);
    kv_long("gid", rgid);
    kv_long("egid", egid);
    kv_long("sgid", sgid);

    gid_t groups[NGROUPS_MAX];
    int n = getgroups(NGROUPS_MAX, groups);
    key("groups");
    arr_begin();
    for (int i = 0; i < n; i++)
        el_long(groups[i]);
    arr_end();

    mode_t m = umask(0);
    umask(m);
    char buf[8];
    snprintf(buf, sizeof buf, "%04o", (unsigned)m);
    kv_str("umask", buf);
}

static void report_status(void)
{
    char *status = slurp("/proc/self/status");
    char v[256];
    static const char *caps[] = {"CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"};
    key("capabilities");
    obj_begin();
    for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++)
        kv_str(caps[i], status ? status_field(status, caps[i], v, sizeof v) : NULL);
    obj_end();
    static const char *fields[] = {"NoNewPrivs", "Seccomp", "Seccomp_filters"};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        char *s = status ? status_field(status, fields[i], v, sizeof v) : NULL;
        if (s)
            kv_long(fields[i], atoll(s));
        else
            kv_str(fields[i], NULL);
    }
    free(status);
}

static void report_rlimits(void)
{
    key("rlimits");
    obj_begin();
    for (size_t i = 0; i < sizeof rlimit_names / sizeof rlimit_names[0]; i++) {
        struct rlimit rl;
        if (getrlimit(rlimit_names[i].resource, &rl) != 0)
            continue;
        key(rlimit_names[i].name);
        obj_begin();
        kv_ulong("soft", (unsigned long long)rl.rlim_cur);
        kv_ulong("hard", (unsigned long long)rl.rlim_max);
        obj_end();
    }
    obj_end();
}

static void report_namespaces(void)
{
    key("namespaces");
    obj_begin();
    DIR *d = opendir("/proc/self/ns");
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.')
                continue;
            char path[PATH_MAX], target[256];
            snprintf(path, sizeof path, "/proc/self/ns/%s", e->d_name);
            ssize_t n = readlink(path, target, sizeof target - 1);
            if (n < 0)
                continue;
            target[n] = '\0';
            kv_str(e->d_name, target);
        }
        closedir(d);
    }
    obj_end();
}

static void report_fds(void)
{
    key("fds");
    obj_begin();
    DIR *d = opendir("/proc/self/fd");
    if (d) {
        int self = dirfd(d);
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.' || atoi(e->d_name) == self)
                continue;
            char path[PATH_MAX], target[PATH_MAX];
            snprintf(path, sizeof path, "/proc/self/fd/%s", e->d_name);
            ssize_t n = readlink(path, target, sizeof target - 1);
            if (n < 0)
                continue;
            target[n] = '\0';
            kv_str(e->d_name, target);
        }
        closedir(d);
    }
    obj_end();
}

static void report_sched(void)
{
    kv_long("schedulerPolicy", sched_getscheduler(0));
    /* ioprio_get(IOPRIO_WHO_PROCESS, 0): class << 13 | data */
    long io = syscall(SYS_ioprio_get, 1, 0);
    key("ioPriority");
    obj_begin();
    kv_long("class", io < 0 ? -1 : (io >> 13));
    kv_long("priority", io < 0 ? -1 : (io & 0x1fff));
    obj_end();
    kv_long("personality", personality(0xffffffff));

    cpu_set_t set;
    CPU_ZERO(&set);
    key("cpuAffinity");
    arr_begin();
    if (sched_getaffinity(0, sizeof set, &set) == 0)
        for (int i = 0; i < CPU_SETSIZE; i++)
            if (CPU_ISSET(i, &set))
                el_long(i);
    arr_end();
}

static int cmd_report(void)
{
    obj_begin();
    kv_long("pid", getpid());
    kv_long("ppid", getppid());
    report_ids();
    report_status();
    report_rlimits();
    report_namespaces();

    struct utsname u;
    if (uname(&u) == 0) {
        kv_str("hostname", u.nodename);
        kv_str("domainname", u.domainname);
    }
    char cwd[PATH_MAX];
    kv_str("cwd", getcwd(cwd, sizeof cwd));

    key("env");
    arr_begin();
    for (char **e = environ; e && *e; e++)
        el_str(*e);
    arr_end();

    kv_lines("mountinfo", "/proc/self/mountinfo");
    kv_lines("cgroup", "/proc/self/cgroup");

    char *oom = slurp("/proc/self/oom_score_adj");
    if (oom)
        kv_long("oomScoreAdj", atoll(oom));
    else
        kv_str("oomScoreAdj", NULL);
    free(oom);

    report_sched();
    kv_bool("stdinIsTty", isatty(0));
    kv_bool("stdoutIsTty", isatty(1));
    report_fds();
    obj_end();
    putchar('\n');
    return 0;
}

/* ---------- actions ---------- */

static int print_outcome(const char *what, const char *arg, long ret, int err)
{
    obj_begin();
    kv_str(what, arg);
    kv_long("ret", ret);
    kv_long("errno", ret < 0 ? err : 0);
    kv_str("error", ret < 0 ? strerror(err) : NULL);
    obj_end();
    putchar('\n');
    return ret < 0 ? 1 : 0;
}

/*
 * Each syscall is tried with arguments that are harmless whether or not it
 * succeeds; only the outcome (errno) matters to the tests.
 */
static int cmd_syscall(const char *name)
{
    long ret;
    errno = 0;
    if (strcmp(name, "getpid") == 0)
        ret = syscall(SYS_getpid);
    else if (strcmp(name, "mkdir") == 0)
        ret = syscall(SYS_mkdir, "/tmp/.probe-mkdir", 0700);
    else if (strcmp(name, "mkdirat") == 0)
        ret = syscall(SYS_mkdirat, AT_FDCWD, "/tmp/.probe-mkdirat", 0700);
    else if (strcmp(name, "getcwd") == 0) {
        char buf[PATH_MAX];
        ret = syscall(SYS_getcwd, buf, sizeof buf);
    } else if (strcmp(name, "sethostname") == 0) {
        struct utsname u;
        uname(&u);
        ret = syscall(SYS_sethostname, u.nodename, strlen(u.nodename));
    } else if (strcmp(name, "chroot") == 0)
        ret = syscall(SYS_chroot, "/");
    else if (strcmp(name, "unshare") == 0)
        ret = syscall(SYS_unshare, CLONE_NEWUTS);
    else if (strcmp(name, "mount") == 0)
        ret = syscall(SYS_mount, "none", "/tmp", "tmpfs", MS_NOSUID, "size=1m");
    else if (strcmp(name, "mknod") == 0)
        ret = syscall(SYS_mknod, "/tmp/.probe-null", S_IFCHR | 0600, makedev(1, 3));
    else if (strcmp(name, "chown") == 0)
        ret = syscall(SYS_chown, "/tmp", 0, 0);
    else if (strcmp(name, "setuid") == 0)
        ret = syscall(SYS_setuid, 0);
    else if (strcmp(name, "kill1") == 0)
        ret = syscall(SYS_kill, 1, 0);
    else if (strcmp(name, "socket_audit") == 0)
        ret = syscall(SYS_socket, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
    else if (strcmp(name, "socket_unix") == 0)
        ret = syscall(SYS_socket, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    else {
        fprintf(stderr, "probe: unknown syscall %s\n", name);
        return 2;
    }
    return print_outcome("syscall", name, ret, errno);
}

static int cmd_write(const char *path, const char *data)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    long ret = fd;
    int err = errno;
    if (fd >= 0) {
        ret = write(fd, data, strlen(data));
        err = errno;
        if (close(fd) != 0 && ret >= 0) {
            ret = -1;
            err = errno;
        }
    }
    return print_outcome("write", path, ret, err);
}

static int cmd_cat(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "probe: cannot open %s: %s\n", path, strerror(errno));
        return 1;
    }
    char buf[65536];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n)
            return 1;
    close(fd);
    return n < 0 ? 1 : 0;
}

static int cmd_stat(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return print_outcome("stat", path, -1, errno);
    const char *type = S_ISREG(st.st_mode) ? "file" : S_ISDIR(st.st_mode) ? "directory"
                     : S_ISLNK(st.st_mode) ? "symlink" : S_ISCHR(st.st_mode) ? "char"
                     : S_ISBLK(st.st_mode) ? "block" : S_ISFIFO(st.st_mode) ? "fifo"
                     : S_ISSOCK(st.st_mode) ? "socket" : "unknown";
    char mode[8];
    snprintf(mode, sizeof mode, "%04o", (unsigned)(st.st_mode & 07777));
    obj_begin();
    kv_str("stat", path);
    kv_long("ret", 0);
    kv_str("type", type);
    kv_str("mode", mode);
    kv_long("uid", st.st_uid);
    kv_long("gid", st.st_gid);
    kv_long("major", major(st.st_rdev));
    kv_long("minor", minor(st.st_rdev));
    if (S_ISLNK(st.st_mode)) {
        char target[PATH_MAX];
        ssize_t n = readlink(path, target, sizeof target - 1);
        target[n < 0 ? 0 : n] = '\0';
        kv_str("target", target);
    }
    obj_end();
    putchar('\n');
    return 0;
}

static int cmd_alloc(long mb)
{
    size_t size = (size_t)mb << 20;
    char *p = malloc(size);
    if (!p)
        return print_outcome("alloc", "malloc", -1, errno);
    for (size_t i = 0; i < size; i += 4096)
        p[i] = 1;
    printf("{\"alloc\":%ld,\"ret\":0}\n", mb);
    free(p);
    return 0;
}

static int cmd_fork(long n)
{
    long ok = 0;
    int err = 0;
    pid_t *kids = calloc((size_t)n + 1, sizeof *kids);
    if (!kids)
        return 1;
    for (long i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            pause();
            _exit(0);
        }
        if (pid < 0) {
            err = errno;
            break;
        }
        kids[ok++] = pid;
    }
    for (long i = 0; i < ok; i++) {
        kill(kids[i], SIGKILL);
        waitpid(kids[i], NULL, 0);
    }
    free(kids);
    obj_begin();
    kv_long("fork", n);
    kv_long("forked", ok);
    kv_long("errno", err);
    kv_str("error", err ? strerror(err) : NULL);
    obj_end();
    putchar('\n');
    return ok == n ? 0 : 1;
}

static int cmd_signals(const char *path)
{
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, NULL);
    /* tell the caller we are ready: the file exists once signals are blocked */
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        return print_outcome("signals", path, -1, errno);
    int sig;
    if (sigwait(&all, &sig) != 0)
        return 1;
    dprintf(fd, "%d\n", sig);
    close(fd);
    return 0;
}

static int usage(void)
{
    fputs("usage: probe report | exit CODE | sleep SECONDS | syscall NAME | write PATH DATA |\n"
          "       cat PATH | stat PATH | alloc MB | fork N | signals PATH | echo TEXT\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    const char *cmd = argv[1];
    int rc;
    if (strcmp(cmd, "report") == 0)
        rc = cmd_report();
    else if (strcmp(cmd, "exit") == 0 && argc == 3)
        rc = atoi(argv[2]);
    else if (strcmp(cmd, "sleep") == 0 && argc == 3) {
        struct timespec ts = {atol(argv[2]), 0};
        while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
            ;
        rc = 0;
    } else if (strcmp(cmd, "syscall") == 0 && argc == 3)
        rc = cmd_syscall(argv[2]);
    else if (strcmp(cmd, "write") == 0 && argc == 4)
        rc = cmd_write(argv[2], argv[3]);
    else if (strcmp(cmd, "cat") == 0 && argc == 3)
        rc = cmd_cat(argv[2]);
    else if (strcmp(cmd, "stat") == 0 && argc == 3)
        rc = cmd_stat(argv[2]);
    else if (strcmp(cmd, "alloc") == 0 && argc == 3)
        rc = cmd_alloc(atol(argv[2]));
    else if (strcmp(cmd, "fork") == 0 && argc == 3)
        rc = cmd_fork(atol(argv[2]));
    else if (strcmp(cmd, "signals") == 0 && argc == 3)
        rc = cmd_signals(argv[2]);
    else if (strcmp(cmd, "echo") == 0 && argc == 3) {
        printf("%s\n", argv[2]);
        fprintf(stderr, "err:%s\n", argv[2]);
        rc = 0;
    } else
        return usage();
    fflush(stdout);
    return rc;
}
