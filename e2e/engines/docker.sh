# Docker 20.10 (Debian's dockerd and /usr/bin/docker client; /usr/local/bin/docker may be another
# client) on a private containerd, with jrt registered by --add-runtime and runc as dockerd's
# built-in default runtime. dockerd gets a private config file, data and exec roots, pid file and
# socket, no bridge, no iptables and no IP forwarding; containers run with --network none, which
# still adds Docker's libnetwork-setkey prestart hook.

docker_setup() {
    DKR=$E2E_WORK/docker
    DKR_CGROUP_PARENT=jrt-e2e-docker-$$
    mkdir -p "$DKR/cli"
    # directories the daemons make whatever their configuration says (containerd 1.6's shim
    # sockets, dockerd's plugin sockets), removed at the end unless they were there before
    DKR_HARDCODED_DIRS=$(absent_dirs /run/containerd /run/containerd/s /run/docker /run/docker/plugins)
    start_containerd "$DKR/containerd" || return 1

    # without a key path dockerd would create /etc/docker/key.json
    printf '{"deprecated-key-path": "%s"}\n' "$DKR/key.json" > "$DKR/daemon.json"
    dockerd --config-file "$DKR/daemon.json" --data-root "$DKR/data" --exec-root "$DKR/exec" \
        --pidfile "$DKR/dockerd.pid" -H "unix://$DKR/docker.sock" --containerd "$DKR/containerd/containerd.sock" \
        --bridge=none --iptables=false --ip6tables=false \
        --ip-forward=false --ip-masq=false --userland-proxy=false \
        --exec-opt native.cgroupdriver=cgroupfs --cgroup-parent "/$DKR_CGROUP_PARENT" --add-runtime "jrt=$jrt" \
        > "$DKR/dockerd.log" 2>&1 &
    echo $! > "$DKR/dockerd.started.pid"
    wait_until 30 docker_ version || { tail -20 "$DKR/dockerd.log"; return 1; }
    docker_ load -i "$E2E_IMAGE" >/dev/null
}

docker_teardown() {
    local id
    [ -n "${DKR:-}" ] || return 0
    for id in $(docker_ ps -aq 2>/dev/null); do docker_ rm -f "$id"; done >/dev/null 2>&1
    stop_daemon "$DKR/dockerd.started.pid"
    stop_daemon "$DKR/containerd/containerd.pid"
    remove_dirs "$DKR_HARDCODED_DIRS"
    remove_cgroup_parent docker "$DKR_CGROUP_PARENT"
}

docker_() { DOCKER_CONFIG=$DKR/cli /usr/bin/docker -H "unix://$DKR/docker.sock" "$@"; }

# docker run with the runtime under test ($RT is its name in dockerd: runc or jrt)
docker_run() { docker_ run --runtime "$RT" --network none "$@"; }

docker_echo() {
    capture out docker_run --rm "$E2E_IMAGE_REF" echo hello
    expect_eq "exit status" "$out_rc" 0 && expect_eq output "$out" hello
}

docker_exit_code() {
    capture out docker_run --rm "$E2E_IMAGE_REF" sh -c 'exit 3'
    expect_eq "exit status" "$out_rc" 3
}

docker_missing_binary() {
    capture out docker_run --rm "$E2E_IMAGE_REF" /no/such/binary
    # Docker turns the runtime's "no such file or directory" into exit status 127
    expect_eq "exit status" "$out_rc" 127 && expect_contains "error" "$out" /no/such/binary
}

docker_terminal() {
    local cmd="DOCKER_CONFIG=$DKR/cli /usr/bin/docker -H unix://$DKR/docker.sock run -t --rm --runtime $RT --network none $E2E_IMAGE_REF sh -c 'tty; stty size'"
    capture out script -qec "$cmd" /dev/null
    expect_eq "exit status" "$out_rc" 0 && expect_contains "tty" "$out" /dev/pts/
}

docker_detached() {
    local id=$RT-detached pid
    capture out docker_run -d --name "$id" "$E2E_IMAGE_REF" sh -c "$TERM_AWARE_SLEEPER"
    expect_eq "run -d" "$out_rc" 0 || { fail "$out"; return 1; }
    capture out docker_ exec "$id" sh -c 'echo from-exec; exit 4'
    expect_eq "exec exit status" "$out_rc" 4 && expect_eq "exec output" "$out" from-exec || return 1
    pid=$(docker_ inspect -f '{{.State.Pid}}' "$id")
    capture out docker_ top "$id"
    expect_eq "top" "$out_rc" 0 && expect_contains "top" "$out" " $pid " || return 1
    docker_ pause "$id" >/dev/null && expect_eq "status after pause" "$(docker_ inspect -f '{{.State.Status}}' "$id")" paused || return 1
    docker_ unpause "$id" >/dev/null && expect_eq "status after unpause" "$(docker_ inspect -f '{{.State.Status}}' "$id")" running || return 1
    # a 20 s grace: the container must stop on SIGTERM, not on docker stop's SIGKILL
    docker_ stop -t 20 "$id" >/dev/null || fail "stop failed" || return 1
    expect_eq "exit code after SIGTERM" "$(docker_ inspect -f '{{.State.ExitCode}}' "$id")" 0 || return 1
    capture out docker_ rm "$id"
    expect_eq "rm" "$out_rc" 0 || fail "$out"
}

docker_memory_limit() {
    capture out docker_run --rm --memory 64m "$E2E_IMAGE_REF" sh -c "$READ_MEMORY_LIMIT"
    expect_eq "exit status" "$out_rc" 0 && expect_eq "memory limit" "$out" 67108864
}

DOCKER_SCENARIOS="echo exit_code missing_binary terminal detached memory_limit"
