# containerd 1.6 through ctr and the io.containerd.runc.v2 shim. `--runc-binary` sets the shim's
# BinaryName option, the same field a runtime class's `BinaryName` sets in containerd's config.

containerd_setup() {
    CTD=$E2E_WORK/containerd
    # containerd 1.6 puts shim sockets in /run/containerd/s whatever its configuration
    CTD_HARDCODED_DIRS=$(absent_dirs /run/containerd /run/containerd/s)
    start_containerd "$CTD" || return 1
    ctr_ images import "$E2E_IMAGE" >/dev/null
}

containerd_teardown() {
    local id
    for id in $(ctr_ tasks ls -q 2>/dev/null); do ctr_ tasks kill -s SIGKILL "$id"; ctr_ tasks delete -f "$id"; done >/dev/null 2>&1
    for id in $(ctr_ containers ls -q 2>/dev/null); do ctr_ containers delete "$id"; done >/dev/null 2>&1
    stop_daemon "$CTD/containerd.pid"
    remove_dirs "$CTD_HARDCODED_DIRS"
}

ctr_() { ctr -a "$CTD/containerd.sock" -n jrt-e2e "$@"; }

# ctr run with the runtime under test, its state root under the test's directory
ctr_run() { ctr_ run --fifo-dir "$CTD/fifo" --runc-binary "$RT_PATH" --runc-root "$CTD/runtime-root/$RT" "$@"; }

containerd_echo() {
    capture out ctr_run --rm "$E2E_IMAGE_REF" "$RT-echo" echo hello
    expect_eq "exit status" "$out_rc" 0 && expect_eq output "$out" hello
}

containerd_exit_code() {
    capture out ctr_run --rm "$E2E_IMAGE_REF" "$RT-exit" sh -c 'exit 3'
    expect_eq "exit status" "$out_rc" 3
}

containerd_missing_binary() {
    capture out ctr_run --rm "$E2E_IMAGE_REF" "$RT-missing" /no/such/binary
    ctr_ containers delete "$RT-missing" >/dev/null 2>&1
    [ "$out_rc" != 0 ] || fail "exit status 0"
    expect_contains "error" "$out" /no/such/binary
}

containerd_terminal() {
    local cmd="ctr -a $CTD/containerd.sock -n jrt-e2e run -t --rm --fifo-dir $CTD/fifo --runc-binary $RT_PATH --runc-root $CTD/runtime-root/$RT $E2E_IMAGE_REF $RT-tty sh -c 'tty; stty size'"
    capture out script -qec "$cmd" /dev/null
    expect_eq "exit status" "$out_rc" 0 && expect_contains "tty" "$out" /dev/pts/
}

containerd_detached() {
    local id=$RT-detached
    capture out ctr_run -d "$E2E_IMAGE_REF" "$id" sh -c "$TERM_AWARE_SLEEPER"
    expect_eq "run -d" "$out_rc" 0 || { fail "$out"; return 1; }
    capture out ctr_ tasks exec --fifo-dir "$CTD/fifo" --exec-id e1 "$id" sh -c 'echo from-exec; exit 4'
    expect_eq "exec exit status" "$out_rc" 4 && expect_eq "exec output" "$out" from-exec || return 1
    capture out ctr_ tasks ps "$id"
    expect_eq "ps" "$out_rc" 0 && expect_contains "ps" "$out" "$(ctr_ tasks ls | awk -v id="$id" '$1 == id {print $2}')" || return 1
    ctr_ tasks pause "$id" && expect_contains "status after pause" "$(ctr_ tasks ls)" PAUSED || return 1
    ctr_ tasks resume "$id" && expect_contains "status after resume" "$(ctr_ tasks ls)" RUNNING || return 1
    ctr_ tasks kill -s SIGTERM "$id" || fail "kill failed"
    wait_until 10 sh -c "ctr -a $CTD/containerd.sock -n jrt-e2e tasks ls | grep -q '^$id .*STOPPED'" || fail "not stopped after SIGTERM" || return 1
    capture out ctr_ tasks delete "$id"
    expect_eq "task delete" "$out_rc" 0 || { fail "$out"; return 1; }
    ctr_ containers delete "$id"
}

containerd_memory_limit() {
    # ctr's default spec has no cgroup mount
    capture out ctr_run --rm --memory-limit 67108864 --mount type=cgroup,src=cgroup,dst=/sys/fs/cgroup,options=ro:nosuid:nodev:noexec \
        "$E2E_IMAGE_REF" "$RT-memory" sh -c "$READ_MEMORY_LIMIT"
    expect_eq "exit status" "$out_rc" 0 && expect_eq "memory limit" "$out" 67108864
}

CONTAINERD_SCENARIOS="echo exit_code missing_binary terminal detached memory_limit"
