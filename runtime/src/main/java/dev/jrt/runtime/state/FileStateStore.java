package dev.jrt.runtime.state;

import dev.jrt.runtime.api.ContainerExistsException;
import dev.jrt.runtime.api.ContainerId;
import dev.jrt.runtime.api.ContainerNotFoundException;
import dev.jrt.runtime.api.OciRuntimeException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Containers' state under the state root ({@code --root}, default /run/jrt, mode 0700):
 * {@code <root>/<id>/state.json}, the config as created, {@code exec.fifo} and a lock file.
 * Writes go to a temporary file that is renamed into place.
 */
public final class FileStateStore {
    public static final String STATE_FILE = "state.json";
    public static final String CONFIG_FILE = "config.json";
    public static final String FIFO = "exec.fifo";
    private static final String LOCK_FILE = ".lock";

    private final Path root;

    public FileStateStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path dir(ContainerId id) {
        return root.resolve(id.value());
    }

    public Path fifo(ContainerId id) {
        return dir(id).resolve(FIFO);
    }

    public Path configCopy(ContainerId id) {
        return dir(id).resolve(CONFIG_FILE);
    }

    /** Makes the container's directory (failing if it exists) and locks it. */
    public ContainerLock createNew(ContainerId id) {
        try {
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
            Files.createDirectory(dir(id), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
        } catch (FileAlreadyExistsException e) {
            throw new ContainerExistsException(id.value());
        } catch (IOException e) {
            throw new OciRuntimeException("create state directory " + dir(id) + ": " + e.getMessage(), e);
        }
        return ContainerLock.acquire(dir(id).resolve(LOCK_FILE));
    }

    /** Locks an existing container; the caller re-reads its state after the lock is held. */
    public ContainerLock lock(ContainerId id) {
        if (!Files.isDirectory(dir(id))) {
            throw new ContainerNotFoundException(id.value());
        }
        return ContainerLock.acquire(dir(id).resolve(LOCK_FILE));
    }

    public boolean exists(ContainerId id) {
        return Files.isRegularFile(dir(id).resolve(STATE_FILE));
    }

    public StateRecord load(ContainerId id) {
        Path file = dir(id).resolve(STATE_FILE);
        try {
            return StateCodec.decode(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ContainerNotFoundException(id.value());
        } catch (IOException e) {
            if (!Files.exists(file)) {
                throw new ContainerNotFoundException(id.value());
            }
            throw new OciRuntimeException("read " + file + ": " + e.getMessage(), e);
        }
    }

    public void save(StateRecord record) {
        Path dir = root.resolve(record.id());
        Path tmp = dir.resolve(STATE_FILE + ".tmp");
        try {
            Files.write(tmp, StateCodec.encode(record));
            try {
                Files.move(tmp, dir.resolve(STATE_FILE), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(STATE_FILE), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new OciRuntimeException("write state of " + record.id() + ": " + e.getMessage(), e);
        }
    }

    /** Removes the container's directory and everything in it. */
    public void remove(ContainerId id) {
        Path dir = dir(id);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new OciRuntimeException("remove state directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Ids of the containers under the root, in name order. */
    public List<ContainerId> list() {
        List<ContainerId> ids = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return ids;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path p : entries) {
                if (Files.isRegularFile(p.resolve(STATE_FILE))) {
                    ids.add(ContainerId.of(p.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new OciRuntimeException("list " + root + ": " + e.getMessage(), e);
        }
        ids.sort(Comparator.comparing(ContainerId::value));
        return ids;
    }
}
