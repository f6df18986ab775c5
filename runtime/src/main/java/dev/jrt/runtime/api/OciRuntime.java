package dev.jrt.runtime.api;

import java.util.List;

/**
 * The one interface the CLI and an in-process shim call. Methods never print and never exit;
 * every failure is an {@link OciRuntimeException} whose message names what went wrong.
 */
public interface OciRuntime {

    /** Builds the container and leaves its process waiting for {@link #start}. */
    void create(ContainerId id, CreateOptions options);

    /** Runs the user's process of a created container. */
    void start(ContainerId id);

    ContainerInfo state(ContainerId id);

    /** Sends a signal to the container's init, or with {@code all} to every process in it. */
    void kill(ContainerId id, int signal, boolean all);

    /** Removes a stopped container; with {@code force}, kills a live one first. */
    void delete(ContainerId id, boolean force);

    /**
     * Creates and starts a container; unless {@code detach}, waits for it, deletes it and returns
     * its exit status (128 + signal when killed).
     */
    int run(ContainerId id, CreateOptions options, boolean detach);

    List<ContainerInfo> list();

    /** Host pids of every process in the container. */
    List<Integer> pids(ContainerId id);

    void pause(ContainerId id);

    void resume(ContainerId id);

    /**
     * Runs another process in a created, running (or, with ignorePaused, paused) container, in
     * all of its namespaces and its cgroup. Unless {@code detach}, waits for it and returns its
     * exit status (128 + signal when killed); with it, returns 0 once the process is running.
     */
    int exec(ContainerId id, ExecOptions options);

    /**
     * Changes the cgroup limits of a live (created, running or paused) container: the members
     * of {@code resources} that are set are written, the rest stay as they are. Errors name the
     * field as {@code /linux/resources/...}.
     */
    void update(ContainerId id, dev.jrt.spec.model.LinuxResources resources);

    /** The container's cgroup usage and limits now, and its OOM kill count (runc's events data). */
    dev.jrt.runtime.cgroups.CgroupStats stats(ContainerId id);

    /** What this build implements (the OCI features document); it never claims more. */
    dev.jrt.spec.features.Features features();
}
