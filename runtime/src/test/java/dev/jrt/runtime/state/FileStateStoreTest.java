package dev.jrt.runtime.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrt.runtime.api.ContainerExistsException;
import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.api.ContainerNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreTest {
    @TempDir
    Path tmp;

    private static StateRecord record(String id, int pid) {
        return new StateRecord("1.3.0", id, "/b", "/b/rootfs", "2026-01-01T00:00:00Z", "root", Map.of("a", "b"),
                pid, 42, Map.of("", "/sys/fs/cgroup/x"), null, List.of());
    }

    @Test
    void savesAndLoadsAtomically() {
        FileStateStore store = new FileStateStore(tmp.resolve("root"));
        ContainerId id = ContainerId.of("c1");
        try (ContainerLock lock = store.createNew(id)) {
            store.save(record("c1", 7));
        }
        assertEquals(record("c1", 7), store.load(id));
        assertFalse(Files.exists(store.dir(id).resolve("state.json.tmp")));
        assertEquals(List.of(id), store.list());
    }

    @Test
    void duplicateIdIsRefused() {
        FileStateStore store = new FileStateStore(tmp);
        store.createNew(ContainerId.of("c1")).close();
        assertEquals("container \"c1\" already exists",
                assertThrows(ContainerExistsException.class, () -> store.createNew(ContainerId.of("c1"))).getMessage());
    }

    @Test
    void unknownIdIsNotFound() {
        FileStateStore store = new FileStateStore(tmp);
        assertThrows(ContainerNotFoundException.class, () -> store.load(ContainerId.of("nope")));
        assertThrows(ContainerNotFoundException.class, () -> store.lock(ContainerId.of("nope")));
    }

    @Test
    void removeLeavesNothing() {
        FileStateStore store = new FileStateStore(tmp);
        ContainerId id = ContainerId.of("c1");
        try (ContainerLock lock = store.createNew(id)) {
            store.save(record("c1", 1));
        }
        store.remove(id);
        assertFalse(Files.exists(store.dir(id)));
        assertTrue(store.list().isEmpty());
    }

    @Test
    void lockExcludesOtherThreads() throws Exception {
        FileStateStore store = new FileStateStore(tmp);
        ContainerId id = ContainerId.of("c1");
        store.createNew(id).close();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                for (int j = 0; j < 20; j++) {
                    try (ContainerLock lock = store.lock(id)) {
                        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.onSpinWait();
                        inside.decrementAndGet();
                    }
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, maxInside.get());
    }

    @Test
    void deadPidIsNotRunning() {
        assertEquals(null, ProcessInfo.read(Integer.MAX_VALUE - 1));
        ProcessInfo self = ProcessInfo.read((int) ProcessHandle.current().pid());
        assertTrue(self.running());
        assertTrue(self.startTime() > 0);
    }
}
