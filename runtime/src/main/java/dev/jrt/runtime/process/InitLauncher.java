package dev.jrt.runtime.process;

import dev.jrt.runtime.plan.ContainerPlan;
import dev.jrt.runtime.plan.Op;
import dev.jrt.runtime.plan.wire.PlanEncoder;
import dev.jrt.runtime.plan.wire.Reply;
import dev.jrt.runtime.plan.wire.ReplyDecoder;
import dev.jrt.runtime.plan.wire.WireFormat;
import dev.jrt.runtime.sys.Fd;
import dev.jrt.runtime.sys.SeqPacketSocket;
import dev.jrt.runtime.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Spawns jrt-init, hands it a plan and follows the sync protocol until the container's init is
 * READY (docs/executor.md). On any failure it kills and reaps what it spawned before throwing.
 *
 * <p>The child gets fds 0-2 of this JVM unchanged, this JVM's fds 3..3+preserveFds-1 at the same
 * numbers, the sync socket at 3+preserveFds, and nothing else.
 */
public final class InitLauncher {
    private InitLauncher() {}

    public static InitResult launch(Path jrtInit, ContainerPlan plan, int preserveFds, InitListener listener)
            throws InitFailedException, IOException {
        if (preserveFds < 0) {
            throw new IllegalArgumentException("preserveFds < 0");
        }
        for (int fd = 3; fd < 3 + preserveFds; fd++) {
            if (!Syscalls.isOpen(fd)) {
                throw new IllegalArgumentException("--preserve-fds " + preserveFds + ": fd " + fd + " is not open");
            }
        }
        byte[] encoded = PlanEncoder.encode(plan);
        int syncFd = 3 + preserveFds;
        SeqPacketSocket[] pair = SeqPacketSocket.pair();
        SeqPacketSocket parent = pair[0];
        Fd child = pair[1].fd();
        Spawned stage = null;
        try {
            if (child.get() <= syncFd) {
                Fd moved = Syscalls.dupAtLeast(child.get(), syncFd + 1);
                child.close();
                child = moved;
            }
            List<Syscalls.Dup2> dups = new ArrayList<>();
            dups.add(new Syscalls.Dup2(child.get(), syncFd));
            for (int fd = 3; fd < syncFd; fd++) {
                dups.add(new Syscalls.Dup2(fd, fd)); // clears FD_CLOEXEC (glibc >= 2.29)
            }
            int stage0 = Syscalls.spawn(jrtInit.toString(), List.of("jrt-init", Integer.toString(syncFd)), List.of(),
                    dups, syncFd + 1);
            stage = new Spawned(stage0);
            child.close();
            return new Session(plan, parent, stage, listener).run(encoded);
        } catch (InitFailedException | IOException | RuntimeException | Error e) {
            if (stage != null) {
                stage.killAll(e);
            }
            throw e;
        } finally {
            child.close();
            parent.close();
        }
    }

    /** The processes spawned so far: stage 0 and, once reported, the init. */
    private static final class Spawned {
        final int stage0;
        int init = -1;
        boolean stage0Reaped;

        Spawned(int stage0) {
            this.stage0 = stage0;
        }

        int reapStage0() {
            stage0Reaped = true;
            return Syscalls.waitpid(stage0, 0);
        }

        void killAll(Throwable cause) {
            try {
                if (init > 0) {
                    Syscalls.kill(init, Syscalls.SIGKILL);
                    Syscalls.waitpid(init, 0);
                }
                if (!stage0Reaped) {
                    Syscalls.kill(stage0, Syscalls.SIGKILL);
                    reapStage0();
                }
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }

    private static final class Session {
        private final ContainerPlan plan;
        private final SeqPacketSocket socket;
        private final Spawned process;
        private final InitListener listener;

        Session(ContainerPlan plan, SeqPacketSocket socket, Spawned process, InitListener listener) {
            this.plan = plan;
            this.socket = socket;
            this.process = process;
            this.listener = listener;
        }

        InitResult run(byte[] encoded) throws InitFailedException, IOException {
            listener.afterSpawn(process.stage0);
            sendPlan(encoded);
            while (true) {
                SeqPacketSocket.Received m = socket.receive(WireFormat.MESSAGE_HEADER_SIZE + 4096, 1);
                Reply reply;
                try (SeccompNotifyFd notify = SeccompNotifyFd.take(m)) {
                    if (m.length() == 0) {
                        return endOfStream();
                    }
                    reply = ReplyDecoder.decode(m.data(), m.length());
                    if (reply instanceof Reply.SeccompFd s) {
                        listener.onSeccompFd(s.opIndex(), notify.expect(s.opIndex()));
                    }
                }
                if (reply instanceof Reply.SeccompFd) {
                    ack();
                } else if (reply instanceof Reply.UserMap u) {
                    listener.onUserNamespace(u.pid());
                    ack();
                } else if (reply instanceof Reply.InitPid p) {
                    process.init = p.pid();
                    int status = process.reapStage0();
                    if (Syscalls.exitCode(status) != 0) {
                        throw new InitFailedException(0, source(0), 0,
                                "jrt-init stage 0 exited with status " + Syscalls.exitCode(status));
                    }
                    listener.onInitPid(p.pid());
                } else if (reply instanceof Reply.Sync s) {
                    listener.onSync(s.opIndex(), s.tag());
                    ack();
                } else if (reply instanceof Reply.Ready) {
                    if (process.init <= 0) {
                        throw new InitFailedException(-1, null, 0, "READY before INIT_PID");
                    }
                    return new InitResult(process.init);
                } else if (reply instanceof Reply.Error e) {
                    throw new InitFailedException(e.opIndex(), source(e.opIndex()), e.errno(), e.message());
                }
            }
        }

        /** The socket closes at execve: success for a plan without Ready (jrt exec), else a crash. */
        private InitResult endOfStream() throws InitFailedException {
            boolean hasReady = plan.ops().stream().anyMatch(op -> op instanceof Op.Ready);
            if (!hasReady && process.init > 0) {
                return new InitResult(process.init);
            }
            String who = process.init > 0 ? "the container's init" : "jrt-init stage 0";
            throw new InitFailedException(-1, null, 0, who + " exited before it was ready");
        }

        private String source(int opIndex) {
            return opIndex >= 0 && opIndex < plan.sources().size() ? plan.sources().get(opIndex) : null;
        }

        private void ack() {
            socket.send(ReplyDecoder.ack(), new int[0]);
        }

        private void sendPlan(byte[] encoded) {
            int[] fds = plan.fds().stream().mapToInt(Integer::intValue).toArray();
            for (int offset = 0; offset < encoded.length; offset += WireFormat.CHUNK_MAX) {
                int length = Math.min(WireFormat.CHUNK_MAX, encoded.length - offset);
                socket.send(encoded, offset, length, offset == 0 ? fds : new int[0]);
            }
        }
    }
}
