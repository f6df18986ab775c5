package dev.jrt.runtime.plan.wire;

import static dev.jrt.runtime.plan.wire.WireFormat.*;

import dev.jrt.runtime.plan.ContainerPlan;
import dev.jrt.runtime.plan.Op;

/**
 * Encodes a {@link ContainerPlan} in jrt-init's wire format: a 20-byte header (magic, version,
 * total length, op count, fd count), then per op a u16 type, u16 zero, u32 body length and the
 * body. The layout of every body is the table in docs/executor.md.
 */
public final class PlanEncoder {
    private PlanEncoder() {}

    public static byte[] encode(ContainerPlan plan) {
        if (plan.fds().size() > MAX_FDS) {
            throw new IllegalArgumentException("a plan carries at most " + MAX_FDS + " descriptors");
        }
        WireWriter w = new WireWriter();
        w.u32(MAGIC).u16(VERSION).u16(0).u32(0).u32(plan.ops().size()).u32(plan.fds().size());
        for (Op op : plan.ops()) {
            WireWriter body = new WireWriter();
            int type = encodeBody(op, body);
            w.u16(type).u16(0).u32(body.size()).raw(body.toByteArray());
        }
        w.putU32(8, w.size());
        return w.toByteArray();
    }

    /** Writes the body of one op and returns its type. */
    static int encodeBody(Op op, WireWriter w) {
        if (op instanceof Op.EnterNamespaces o) {
            w.u32(o.joins().size());
            for (Op.EnterNamespaces.Join j : o.joins()) {
                w.u64(j.nsFlag()).str(j.path());
            }
            w.bool(o.newUser()).u64(o.newFlags()).str(o.timeOffsets());
            return ENTER_NAMESPACES;
        } else if (op instanceof Op.SetPropagation o) {
            w.str(o.target()).u64(o.flags());
            return SET_PROPAGATION;
        } else if (op instanceof Op.Mount o) {
            w.str(o.source()).str(o.target()).bool(o.targetInRoot()).str(o.fstype()).u64(o.flags())
                    .str(o.data()).u8(o.create() == null ? 0 : o.create().ordinal());
            return MOUNT;
        } else if (op instanceof Op.Mkdir o) {
            w.str(o.path()).u32(o.mode());
            return MKDIR;
        } else if (op instanceof Op.Mknod o) {
            w.str(o.path()).u32(o.mode()).u32(o.major()).u32(o.minor()).u32(o.uid()).u32(o.gid());
            return MKNOD;
        } else if (op instanceof Op.BindDevice o) {
            w.str(o.hostPath()).str(o.path());
            return BIND_DEVICE;
        } else if (op instanceof Op.Symlink o) {
            w.str(o.target()).str(o.linkPath());
            return SYMLINK;
        } else if (op instanceof Op.PivotRoot o) {
            w.str(o.rootfs()).bool(o.noPivot());
            return PIVOT_ROOT;
        } else if (op instanceof Op.WriteFile o) {
            w.str(o.path()).bytes(o.content());
            return WRITE_FILE;
        } else if (op instanceof Op.MaskPath o) {
            w.str(o.path());
            return MASK_PATH;
        } else if (op instanceof Op.ReadonlyPath o) {
            w.str(o.path());
            return READONLY_PATH;
        } else if (op instanceof Op.ReadonlyRoot) {
            return READONLY_ROOT;
        } else if (op instanceof Op.SetHostname o) {
            w.str(o.hostname());
            return SET_HOSTNAME;
        } else if (op instanceof Op.SetDomainname o) {
            w.str(o.domainname());
            return SET_DOMAINNAME;
        } else if (op instanceof Op.Sync o) {
            w.str(o.tag());
            return SYNC;
        } else if (op instanceof Op.RunHook o) {
            w.str(o.path()).strList(o.args()).strList(o.env()).u32(o.timeoutSeconds()).bytes(o.stdin());
            return RUN_HOOK;
        } else if (op instanceof Op.Setsid) {
            return SETSID;
        } else if (op instanceof Op.Console o) {
            w.u32(o.socketSlot()).u32(o.rows()).u32(o.cols());
            return CONSOLE;
        } else if (op instanceof Op.Chdir o) {
            w.str(o.cwd());
            return CHDIR;
        } else if (op instanceof Op.Setrlimit o) {
            w.u32(o.resource()).u64(o.soft()).u64(o.hard());
            return SETRLIMIT;
        } else if (op instanceof Op.Umask o) {
            w.u32(o.mask());
            return UMASK;
        } else if (op instanceof Op.Personality o) {
            w.u64(o.persona());
            return PERSONALITY;
        } else if (op instanceof Op.FindExecutable o) {
            w.str(o.name()).str(o.pathVar());
            return FIND_EXECUTABLE;
        } else if (op instanceof Op.Ready) {
            return READY;
        } else if (op instanceof Op.WaitStart o) {
            w.u32(o.fifoSlot());
            return WAIT_START;
        } else if (op instanceof Op.NoNewPrivileges) {
            return NO_NEW_PRIVILEGES;
        } else if (op instanceof Op.SetUser o) {
            int[] gids = o.additionalGids() == null ? new int[0] : o.additionalGids();
            w.u32(o.uid()).u32(o.gid()).u32(gids.length);
            for (int g : gids) {
                w.u32(g);
            }
            return SET_USER;
        } else if (op instanceof Op.Capabilities o) {
            w.u64(o.bounding()).u64(o.effective()).u64(o.permitted()).u64(o.inheritable()).u64(o.ambient());
            return CAPABILITIES;
        } else if (op instanceof Op.Seccomp o) {
            w.bytes(o.program()).u32(o.flags());
            return SECCOMP;
        } else if (op instanceof Op.CloseFds o) {
            w.u32(o.firstToClose());
            return CLOSE_FDS;
        } else if (op instanceof Op.Exec o) {
            w.strList(o.argv()).strList(o.env());
            return EXEC;
        } else if (op instanceof Op.RunStateHook o) {
            w.str(o.path()).strList(o.args()).strList(o.env()).u32(o.timeoutSeconds())
                    .bytes(o.stateBeforePid()).bytes(o.stateAfterPid());
            return RUN_STATE_HOOK;
        } else if (op instanceof Op.AwaitStart o) {
            w.u32(o.fifoSlot());
            return AWAIT_START;
        } else if (op instanceof Op.ConfirmStart) {
            return CONFIRM_START;
        } else if (op instanceof Op.SeccompListener o) {
            w.bytes(o.program()).u32(o.flags());
            return SECCOMP_LISTENER;
        } else if (SecurityOpsEncoder.encodes(op)) {
            return SecurityOpsEncoder.encodeBody(op, w);
        } else if (op instanceof Op.PropagateInRoot o) {
            w.str(o.path()).u64(o.flags());
            return PROPAGATE_IN_ROOT;
        } else if (op instanceof Op.SetMountAttr o) {
            w.str(o.path()).u64(o.attrSet()).u64(o.attrClr()).bool(o.recursive());
            return SET_MOUNT_ATTR;
        } else if (op instanceof Op.AttachMount o) {
            w.u32(o.mountSlot()).str(o.target()).u32(o.fd());
            return ATTACH_MOUNT;
        } else if (op instanceof Op.TmpfsCopyUp o) {
            w.str(o.target()).u64(o.flags()).str(o.data());
            return TMPFS_COPY_UP;
        } else if (op instanceof Op.MoveMountInRoot o) {
            w.u32(o.slot()).str(o.target()).u8(o.create() == null ? 0 : o.create().ordinal());
            return MOVE_MOUNT_IN_ROOT;
        }
        throw new IllegalArgumentException("no wire encoding for " + op.getClass().getName());
    }
}
