/* Process security settings Java decided: scheduler, I/O priority, CPU affinity. */
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "jrt-init.h"

/* struct sched_attr of sched_setattr(2), SCHED_ATTR_SIZE_VER0 (no utilization clamps). */
struct jrt_sched_attr {
    uint32_t size;
    uint32_t sched_policy;
    uint64_t sched_flags;
    int32_t sched_nice;
    uint32_t sched_priority;
    uint64_t sched_runtime;
    uint64_t sched_deadline;
    uint64_t sched_period;
};

int op_scheduler(struct rd *r)
{
    struct jrt_sched_attr attr = { .size = sizeof(attr) };
    attr.sched_policy = rd_u32(r);
    attr.sched_flags = rd_u64(r);
    attr.sched_nice = (int32_t)rd_u32(r);
    attr.sched_priority = rd_u32(r);
    attr.sched_runtime = rd_u64(r);
    attr.sched_deadline = rd_u64(r);
    attr.sched_period = rd_u64(r);
    if (rd_ok(r) < 0)
        return -1;
    if (syscall(SYS_sched_setattr, 0, &attr, 0) < 0)
        return fail(errno, "sched_setattr (policy %u, nice %d, priority %u, flags 0x%llx)", attr.sched_policy,
                    attr.sched_nice, attr.sched_priority, (unsigned long long)attr.sched_flags);
    return 0;
}

#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_CLASS_SHIFT 13

int op_io_priority(struct rd *r)
{
    uint32_t class = rd_u32(r), level = rd_u32(r);
    if (rd_ok(r) < 0)
        return -1;
    if (class > 3 || level > 7)
        return fail(EINVAL, "I/O priority class %u level %u", class, level);
    if (syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0, (int)(class << IOPRIO_CLASS_SHIFT | level)) < 0)
        return fail(errno, "ioprio_set (class %u, level %u)", class, level);
    return 0;
}

int op_cpu_affinity(struct rd *r)
{
    uint32_t len;
    const uint8_t *mask = rd_bytes(r, &len);
    if (rd_ok(r) < 0)
        return -1;
    if (len == 0 || len % sizeof(unsigned long) != 0 || len > 8192 / 8)
        return fail(EINVAL, "CPU mask of %u bytes", len);
    unsigned long *set = calloc(1, len); /* the plan buffer is not aligned */
    if (set == NULL)
        return fail(ENOMEM, "CPU mask");
    memcpy(set, mask, len);
    long rc = syscall(SYS_sched_setaffinity, 0, (size_t)len, set);
    free(set);
    if (rc < 0)
        return fail(errno, "sched_setaffinity (%u-byte mask)", len);
    return 0;
}

int op_memory_policy(struct rd *r)
{
    uint32_t mode = rd_u32(r), len;
    const uint8_t *nodes = rd_bytes(r, &len);
    if (rd_ok(r) < 0)
        return -1;
    if (len % sizeof(unsigned long) != 0 || len > 8192 / 8)
        return fail(EINVAL, "memory node mask of %u bytes", len);
    unsigned long *mask = NULL;
    if (len > 0) {
        mask = calloc(1, len); /* the plan buffer is not aligned */
        if (mask == NULL)
            return fail(ENOMEM, "memory node mask");
        memcpy(mask, nodes, len);
    }
    /* maxnode counts one more than the bits the kernel reads (mm/mempolicy.c get_nodes) */
    long rc = syscall(SYS_set_mempolicy, (int)mode, mask, len == 0 ? 0UL : (unsigned long)len * 8 + 1);
    free(mask);
    if (rc < 0)
        return fail(errno, "set_mempolicy (mode 0x%x, %u-byte node mask)", mode, len);
    return 0;
}
