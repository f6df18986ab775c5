package dev.jrt.runtime.api;

/** The OCI statuses, each knowing which operations it allows (runtime.md, "Lifecycle"). */
public enum ContainerStatus {
    CREATING("creating"),
    CREATED("created"),
    RUNNING("running"),
    PAUSED("paused"),
    STOPPED("stopped");

    private final String wire;

    ContainerStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean canStart() {
        return this == CREATED;
    }

    public boolean canKill() {
        return this == CREATED || this == RUNNING || this == PAUSED;
    }

    public boolean canDelete() {
        return this == STOPPED;
    }

    public boolean canExec() {
        return this == CREATED || this == RUNNING;
    }

    public boolean canPause() {
        return this == RUNNING || this == CREATED;
    }

    public boolean canResume() {
        return this == PAUSED;
    }
}
