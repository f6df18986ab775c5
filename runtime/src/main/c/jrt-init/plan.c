/* Receiving and decoding the plan (format: docs/executor.md). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "jrt-init.h"

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void rd_init(struct rd *r, const struct op *op)
{
    r->p = op->body;
    r->end = op->body + op->len;
    r->bad = 0;
}

static const uint8_t *take(struct rd *r, size_t n)
{
    if (r->bad || (size_t)(r->end - r->p) < n) {
        r->bad = 1;
        return NULL;
    }
    const uint8_t *p = r->p;
    r->p += n;
    return p;
}

uint8_t rd_u8(struct rd *r)
{
    const uint8_t *p = take(r, 1);
    return p ? *p : 0;
}

uint32_t rd_u32(struct rd *r)
{
    const uint8_t *p = take(r, 4);
    return p ? le32(p) : 0;
}

uint64_t rd_u64(struct rd *r)
{
    const uint8_t *p = take(r, 8);
    return p ? (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32 : 0;
}

/* string: u32 length (0xffffffff = null), bytes, NUL */
const char *rd_str(struct rd *r)
{
    uint32_t len = rd_u32(r);
    if (len == UINT32_MAX)
        return NULL;
    const uint8_t *p = take(r, (size_t)len + 1);
    if (p == NULL || p[len] != 0 || memchr(p, 0, len) != NULL) {
        r->bad = 1;
        return NULL;
    }
    return (const char *)p;
}

const uint8_t *rd_bytes(struct rd *r, uint32_t *len)
{
    *len = rd_u32(r);
    return take(r, *len);
}

char **rd_strlist(struct rd *r)
{
    uint32_t n = rd_u32(r);
    if (r->bad || n > (uint32_t)(r->end - r->p) / 5) {
        r->bad = 1;
        return NULL;
    }
    char **list = calloc((size_t)n + 1, sizeof(char *));
    if (list == NULL) {
        r->bad = 1;
        return NULL;
    }
    for (uint32_t i = 0; i < n; i++) {
        list[i] = (char *)rd_str(r);
        if (list[i] == NULL)
            r->bad = 1;
    }
    return list;
}

int rd_ok(struct rd *r)
{
    if (r->bad || r->p != r->end)
        return fail(EINVAL, "malformed plan: bad operation body");
    return 0;
}

static int recv_chunk(int sock, uint8_t *buf, size_t size, struct plan *plan, int want_fds)
{
    union {
        struct cmsghdr align;
        char buf[CMSG_SPACE(sizeof(int) * MAX_FDS)];
    } control;
    struct iovec iov = { .iov_base = buf, .iov_len = size };
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
    if (want_fds) {
        msg.msg_control = control.buf;
        msg.msg_controllen = sizeof(control.buf);
    }
    ssize_t n;
    do
        n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return fail(errno, "receive plan");
    if (n == 0)
        return fail(EPIPE, "receive plan: parent closed the sync socket");
    if (msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC))
        return fail(EMSGSIZE, "receive plan: message truncated");
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c != NULL; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            int k = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
            memcpy(plan->fds + plan->nfds, CMSG_DATA(c), sizeof(int) * k);
            plan->nfds += k;
        }
    }
    return (int)n;
}

/*
 * The plan arrives as one or more messages of at most CHUNK_MAX bytes; the first carries the
 * header (with the total length) and every descriptor of the plan.
 */
int plan_receive(int sock, struct plan *plan)
{
    static uint8_t first[CHUNK_MAX];
    memset(plan, 0, sizeof(*plan));
    int n = recv_chunk(sock, first, sizeof(first), plan, 1);
    if (n < 0)
        return -1;
    if (n < PLAN_HEADER_SIZE || le32(first) != PLAN_MAGIC)
        return fail(EINVAL, "malformed plan: bad magic");
    if ((le32(first + 4) & 0xffff) != PLAN_VERSION)
        return fail(EINVAL, "plan version %u is not supported (want %d)", le32(first + 4) & 0xffff,
                    PLAN_VERSION);
    uint32_t total = le32(first + 8), nops = le32(first + 12), nfds = le32(first + 16);
    if (total < (uint32_t)n || total > (64u << 20))
        return fail(EINVAL, "malformed plan: bad length %u", total);
    if (nfds != (uint32_t)plan->nfds)
        return fail(EINVAL, "plan announces %u descriptors but %d arrived", nfds, plan->nfds);
    plan->buf = malloc(total);
    plan->ops = calloc(nops ? nops : 1, sizeof(struct op));
    if (plan->buf == NULL || plan->ops == NULL)
        return fail(ENOMEM, "receive plan");
    memcpy(plan->buf, first, n);
    for (uint32_t have = n; have < total;) {
        int k = recv_chunk(sock, plan->buf + have, total - have, plan, 0);
        if (k < 0)
            return -1;
        have += k;
    }
    const uint8_t *p = plan->buf + PLAN_HEADER_SIZE, *end = plan->buf + total;
    for (uint32_t i = 0; i < nops; i++) {
        if (end - p < 8)
            return fail(EINVAL, "malformed plan: op %u truncated", i);
        uint32_t type = le32(p) & 0xffff, len = le32(p + 4);
        /* op types come in ranges (1-31, 60-79, ...): run_op refuses a type it does not know */
        if ((uint32_t)(end - p - 8) < len || type == 0)
            return fail(EINVAL, "malformed plan: op %u (type %u) invalid", i, type);
        plan->ops[i] = (struct op){ .type = (uint16_t)type, .body = p + 8, .len = len };
        p += 8 + len;
    }
    if (p != end)
        return fail(EINVAL, "malformed plan: trailing bytes");
    plan->nops = nops;
    return 0;
}

int slot_fd(uint32_t slot)
{
    if (slot >= (uint32_t)st.plan.nfds)
        return fail(EBADF, "descriptor slot %u is not in the plan (%d slots)", slot, st.plan.nfds);
    if (st.plan.fds[slot] < 0)
        return fail(EBADF, "descriptor slot %u was already used up", slot);
    return st.plan.fds[slot];
}
