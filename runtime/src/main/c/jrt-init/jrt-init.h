/* jrt-init: the native executor of jrt. See docs/executor.md for the wire format. */
#ifndef JRT_INIT_H
#define JRT_INIT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* ---- wire format (must match dev.jrt.runtime.plan.wire.WireFormat) ---- */
#define PLAN_MAGIC 0x5054524aU /* "JRTP" read as little-endian u32 */
#define PLAN_VERSION 1
#define PLAN_HEADER_SIZE 20
#define CHUNK_MAX 32768
#define MAX_FDS 64

enum op_type {
    OP_ENTER_NAMESPACES = 1, OP_SET_PROPAGATION, OP_MOUNT, OP_MKDIR, OP_MKNOD, OP_BIND_DEVICE,
    OP_SYMLINK, OP_PIVOT_ROOT, OP_WRITE_FILE, OP_MASK_PATH, OP_READONLY_PATH, OP_READONLY_ROOT,
    OP_SET_HOSTNAME, OP_SET_DOMAINNAME, OP_SYNC, OP_RUN_HOOK, OP_SETSID, OP_CONSOLE, OP_CHDIR,
    OP_SETRLIMIT, OP_UMASK, OP_PERSONALITY, OP_FIND_EXECUTABLE, OP_READY, OP_WAIT_START,
    OP_NO_NEW_PRIVILEGES, OP_SET_USER, OP_CAPABILITIES, OP_SECCOMP, OP_CLOSE_FDS, OP_EXEC,
    /* process security: 40-59 (security.c) */
    OP_SCHEDULER = 40, OP_IO_PRIORITY, OP_CPU_AFFINITY, OP_MEMORY_POLICY,
    /* rootfs and mounts: 60-79 (mountx.c) */
    OP_PROPAGATE_IN_ROOT = 60, OP_SET_MOUNT_ATTR, OP_ATTACH_MOUNT, OP_TMPFS_COPY_UP,
    OP_MOVE_MOUNT_IN_ROOT,
    /* hooks and exec: 80-99 */
    OP_RUN_STATE_HOOK = 80, OP_AWAIT_START, OP_CONFIRM_START,
    /* seccomp user notification: 100-109 (notify.c) */
    OP_SECCOMP_LISTENER = 100,
    OP_TYPE_MAX
};

enum msg_type { MSG_USERMAP = 1, MSG_INIT_PID = 2, MSG_SYNC = 3, MSG_READY = 4, MSG_ERROR = 5, MSG_ACK = 100,
               MSG_SECCOMP_FD = 101 /* carries the seccomp notify fd (SCM_RIGHTS) */ };

/* ---- plan ---- */
struct op {
    uint16_t type;
    const uint8_t *body;
    uint32_t len;
};

struct plan {
    uint8_t *buf;
    uint32_t nops;
    struct op *ops;
    int nfds;
    int fds[MAX_FDS];
};

/* A cursor over an op body. Any read past the end sets bad; callers check rd_ok at the end. */
struct rd {
    const uint8_t *p, *end;
    int bad;
};

void rd_init(struct rd *r, const struct op *op);
uint8_t rd_u8(struct rd *r);
uint32_t rd_u32(struct rd *r);
uint64_t rd_u64(struct rd *r);
const char *rd_str(struct rd *r);               /* NUL-terminated in the buffer; NULL for a null string */
const uint8_t *rd_bytes(struct rd *r, uint32_t *len);
char **rd_strlist(struct rd *r);                /* NULL-terminated, malloc'd array */
int rd_ok(struct rd *r);                        /* 0 or -1 with the failure set (EINVAL) */

int plan_receive(int sock, struct plan *plan);

/* ---- global state of the executor ---- */
struct state {
    int sync;            /* the sync socket, -1 once closed */
    int ready;           /* READY sent: report failures on stderr */
    const char *root;    /* what "in root" means right now: the rootfs before PivotRoot, "/" after */
    const char *exe;     /* the executable found by FindExecutable */
    struct plan plan;
};
extern struct state st;

/* ---- failures: every step returns 0 or -1 after calling fail() ---- */
int fail(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int failed_errno(void);
const char *failed_message(void);

/* ---- protocol ---- */
int send_msg(uint32_t type, int32_t a, int32_t b, const char *text);
int wait_ack(void);
void report_failure(int op_index) __attribute__((noreturn));

/* ---- steps ---- */
int slot_fd(uint32_t slot);
int seal_self(char **argv);
int stage0(const struct op *op);
int run_op(int index, const struct op *op);

/* in root */
enum create { CREATE_NONE = 0, CREATE_DIR = 1, CREATE_FILE = 2 };
int in_root_open(const char *path, int create, mode_t mode); /* O_PATH fd, -1 with errno set and fail() */
int in_root_open_flags(const char *path, int flags);          /* -1 with errno, no fail() */
int in_root_open_parent(const char *path, char name[256]);    /* parent dir (created), last name */
const char *fd_path(int fd, char buf[32]);

int op_set_propagation(struct rd *r);
int op_mount(struct rd *r);
int op_mkdir(struct rd *r);
int op_mknod(struct rd *r);
int op_bind_device(struct rd *r);
int op_symlink(struct rd *r);
int op_pivot_root(struct rd *r);
int op_write_file(struct rd *r);
int op_mask_path(struct rd *r);
int op_readonly_path(struct rd *r);
int op_readonly_root(struct rd *r);
int op_propagate_in_root(struct rd *r);
int op_set_mount_attr(struct rd *r);
int op_attach_mount(struct rd *r);
int mount_dev_console(int slave); /* mountx.c, called by op_console */
int op_tmpfs_copy_up(struct rd *r); /* copyup.c */
int op_move_mount_in_root(struct rd *r);

int op_set_hostname(struct rd *r, int domain);
int hook_wait(pid_t pid, const char *path, uint32_t timeout);
int open_exec_fifo(uint32_t slot);
int op_run_hook(struct rd *r);
int op_console(struct rd *r);
int op_chdir(struct rd *r);
int op_setrlimit(struct rd *r);
int op_umask(struct rd *r);
int op_personality(struct rd *r);
int op_find_executable(struct rd *r);
int op_wait_start(struct rd *r);
int op_close_fds(struct rd *r);
int op_exec(struct rd *r);

int op_no_new_privileges(struct rd *r);
int op_set_user(struct rd *r);
int op_capabilities(struct rd *r);
int op_seccomp(struct rd *r);

/* security.c */
int op_scheduler(struct rd *r);
int op_io_priority(struct rd *r);
int op_memory_policy(struct rd *r);
int op_cpu_affinity(struct rd *r);

int check_cwd_in_root(void);

/* notify.c: seccomp with a user-notification listener */
int op_seccomp_listener(int index, struct rd *r);

/* hooks.c: hooks inside the container and the start handshake around them */
extern pid_t init_host_pid;   /* the init's pid in the runtime's pid namespace (from stage 0) */
int hooks_op(int type, struct rd *r);
void report_to_start(void);   /* a failure after AwaitStart: tell `jrt start` */

#endif
