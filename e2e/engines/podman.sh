# podman 4.3 with conmon 2.1, daemonless. Everything podman keeps lives under $E2E_WORK/podman:
# storage (--root, --runroot), libpod's state and file locks (--tmpdir), and its configuration,
# which CONTAINERS_CONF, CONTAINERS_STORAGE_CONF and CONTAINERS_REGISTRIES_CONF point at so that
# nothing under /etc/containers or /var/lib/containers is read or written. Each command names
# the runtime by path (`--runtime`); podman looks up features by the file's base name, so jrt's
# launcher is "jrt" in runtime_supports_json and conmon passes it --log-format=json.

podman_setup() {
    PM=$E2E_WORK/podman
    # cgroupfs parent of the containers and of conmon (<parent>/conmon); removed at teardown
    PM_CGROUP=jrt-e2e-podman-${E2E_WORK##*.}
    mkdir -p "$PM/tmp" "$PM/hooks.d" "$PM/networks"
    cat > "$PM/containers.conf" <<TOML
[containers]
netns = "none"
# podman's defaults (nofile 1048576, nproc 4194304) exceed what a process without
# CAP_SYS_RESOURCE may set, and this machine lacks it
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
lock_type = "file"
hooks_dir = ["$PM/hooks.d"]
runtime_supports_json = ["crun", "runc", "kata", "runsc", "youki", "krun", "jrt"]

[network]
network_backend = "cni"
network_config_dir = "$PM/networks"
TOML
    cat > "$PM/storage.conf" <<TOML
[storage]
driver = "overlay"
graphroot = "$PM/root"
runroot = "$PM/runroot"
TOML
    : > "$PM/registries.conf"
    echo '{"default":[{"type":"insecureAcceptAnything"}]}' > "$PM/policy.json"
    pm_cmd=(env CONTAINERS_CONF="$PM/containers.conf" CONTAINERS_STORAGE_CONF="$PM/storage.conf"
        CONTAINERS_REGISTRIES_CONF="$PM/registries.conf" TMPDIR="$PM/tmp"
        podman --root "$PM/root" --runroot "$PM/runroot" --tmpdir "$PM/tmp")
    # podman 4.3's load keeps its blob-info cache in /var/lib/containers/cache whatever the
    # graph root: it runs with a private /var/lib of its own
    mkdir "$PM/var-lib"
    # shellcheck disable=SC2016
    capture out unshare --mount --propagation private sh -c 'mount --bind "$0" /var/lib && exec "$@"' "$PM/var-lib" \
        "${pm_cmd[@]}" load --signature-policy "$PM/policy.json" -i "$E2E_IMAGE"
    [ "$out_rc" = 0 ] || { echo "$out" | tail -5; return 1; }
}

podman_teardown() {
    [ -n "${PM:-}" ] || return 0
    local rt
    for rt in runc jrt; do pm_ --runtime "${binary[$rt]}" rm -af -t 0; done >/dev/null 2>&1
    pm_ rmi -af >/dev/null 2>&1
    find /sys/fs/cgroup -depth -type d -path "*/$PM_CGROUP*" -exec rmdir {} + 2>/dev/null
    PM=
}

pm_() { "${pm_cmd[@]}" "$@"; }

# podman with the runtime under test
pm_rt() { pm_ --runtime "$RT_PATH" "$@"; }

# podman run with the runtime under test, in the test's own cgroup parent
pm_run() { pm_rt run --cgroup-parent "/$PM_CGROUP" "$@"; }

podman_echo() {
    capture out pm_run --rm "$E2E_IMAGE_REF" echo hello
    expect_eq "exit status" "$out_rc" 0 && expect_eq output "$out" hello
}

podman_exit_code() {
    capture out pm_run --rm "$E2E_IMAGE_REF" sh -c 'exit 3'
    expect_eq "exit status" "$out_rc" 3
}

# pm_gone ID: nothing of container ID is left: podman's record, the runtime's state, the
# container's cgroup, its conmon. The runtimes keep their default roots (/run/runc, /run/jrt):
# podman 4.3's cleanup process, which conmon starts when the container exits, does not get
# --runtime-flag, so a private root would leave each container's state behind.
pm_gone() {
    local id=$1 cgroup
    ! pm_rt container exists "$id" || fail "podman still lists $id" || return 1
    [ ! -e "/run/$RT/$id" ] || fail "runtime state /run/$RT/$id left behind" || return 1
    cgroup=$(find /sys/fs/cgroup -maxdepth 3 -type d -name "libpod-$id" | head -1)
    [ -z "$cgroup" ] || fail "cgroup $cgroup left behind" || return 1
    wait_until 5 sh -c "! pgrep -f '[c]onmon .*-c $id'" || fail "conmon of $id still running"
}

# podman maps a runtime error saying "no such file or directory" to 127 (126: permission denied)
podman_missing_binary() {
    rm -f "$PM/$RT-missing.cid"
    capture out pm_run --rm --cidfile "$PM/$RT-missing.cid" "$E2E_IMAGE_REF" /no/such/binary
    expect_eq "exit status" "$out_rc" 127 && expect_contains "error" "$out" /no/such/binary || return 1
    pm_gone "$(cat "$PM/$RT-missing.cid")"
}

# podman 4.3 sometimes prints nothing of a -t container that exits at once (seen with runc in
# about one run in five: its attach loses the race with the container's exit), hence the pause
podman_terminal() {
    local cmd
    cmd=$(printf '%q ' "${pm_cmd[@]}" --runtime "$RT_PATH" run -it --rm --cgroup-parent "/$PM_CGROUP" \
        "$E2E_IMAGE_REF" sh -c 'tty; stty size; sleep 0.5')
    capture out script -qec "$cmd" /dev/null
    expect_eq "exit status" "$out_rc" 0 && expect_contains "tty" "$out" /dev/pts/
}

pm_status() { pm_rt inspect -f '{{.State.Status}}' "$1" 2>&1; }

podman_detached() {
    local id
    capture id pm_run -d "$E2E_IMAGE_REF" sh -c "$TERM_AWARE_SLEEPER"
    expect_eq "run -d" "$id_rc" 0 || { fail "$id"; return 1; }
    capture out pm_rt exec "$id" sh -c 'echo from-exec; exit 4'
    expect_eq "exec exit status" "$out_rc" 4 && expect_eq "exec output" "$out" from-exec || return 1
    capture out pm_rt top "$id"
    expect_eq "top" "$out_rc" 0 && expect_contains "top" "$out" "sleep 1000" || return 1
    pm_rt pause "$id" >/dev/null && expect_eq "status after pause" "$(pm_status "$id")" paused || return 1
    pm_rt unpause "$id" >/dev/null && expect_eq "status after unpause" "$(pm_status "$id")" running || return 1
    # a stop that needed SIGKILL would leave exit code 137
    capture out pm_rt stop -t 20 "$id"
    expect_eq "stop" "$out_rc" 0 || { fail "$out"; return 1; }
    expect_eq "status after stop" "$(pm_status "$id")" exited &&
        expect_eq "exit code after SIGTERM" "$(pm_rt inspect -f '{{.State.ExitCode}}' "$id")" 0 || return 1
    capture out pm_rt rm "$id"
    expect_eq "rm" "$out_rc" 0 || { fail "$out"; return 1; }
    pm_gone "$id"
}

podman_memory_limit() {
    capture out pm_run --rm --memory 64m "$E2E_IMAGE_REF" sh -c "$READ_MEMORY_LIMIT"
    expect_eq "exit status" "$out_rc" 0 && expect_eq "memory limit" "$out" 67108864
}

PODMAN_SCENARIOS="echo exit_code missing_binary terminal detached memory_limit"
