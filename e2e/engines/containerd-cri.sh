# containerd 1.6's CRI plugin, as the kubelet drives it, with a runtime handler per runtime: each
# is the io.containerd.runc.v2 shim with BinaryName set to the runtime's path, which is what a
# Kubernetes RuntimeClass selects. Debian 12 has no crictl: e2e/cri/scenarios.py talks CRI
# (runtime.v1) over gRPC. The pods use the node's network (no CNI), a locally built sandbox
# image, cgroupfs under their own parent, and the daemon's root, state, sockets and logs are
# under the test's directory.

containerd_cri_setup() {
    CRI=$E2E_WORK/containerd-cri
    CRI_CGROUP=jrt-e2e-cri-${E2E_WORK##*.}
    # containerd 1.6 puts shim sockets in /run/containerd/s whatever its configuration
    CRI_HARDCODED_DIRS=$(absent_dirs /run/containerd /run/containerd/s)
    /usr/bin/python3 -c 'import grpc' 2>/dev/null || { echo "  containerd-cri: no python3-grpcio (make deps)"; return 1; }
    mkdir -p "$CRI/cni/bin" "$CRI/cni/conf"
    "$here/busybox-image.sh" "$CRI/sandbox.tar" "$CRI_SANDBOX_IMAGE" '["/bin/sleep", "2147483647"]' || return 1
    start_containerd "$CRI" "$(cri_config)" || return 1
    ctr -a "$CRI/containerd.sock" -n k8s.io images import "$E2E_IMAGE" >/dev/null &&
        ctr -a "$CRI/containerd.sock" -n k8s.io images import "$CRI/sandbox.tar" >/dev/null || return 1
    cri_py wait-image "$CRI_SANDBOX_IMAGE" && cri_py wait-image "$E2E_IMAGE_REF"
}

CRI_SANDBOX_IMAGE=localhost/jrt-e2e/sandbox:latest

# The CRI plugin's part of containerd's config: the handlers "runc" and "jrt", each with its
# own state root for the runtime (the shim adds /k8s.io, the containerd namespace).
# restrict_oom_score_adj: the sandbox's default oom_score_adj (-998) is below the test's own,
# and lowering it needs CAP_SYS_RESOURCE, which this machine lacks.
cri_config() {
    local rt
    cat <<TOML
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$CRI_SANDBOX_IMAGE"
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "$CRI/cni/bin"
    conf_dir = "$CRI/cni/conf"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
TOML
    for rt in runc jrt; do
        cat <<TOML
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.$rt]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.$rt.options]
        BinaryName = "${binary[$rt]}"
        Root = "$CRI/runtime-root/$rt"
        SystemdCgroup = false
TOML
    done
}

containerd_cri_teardown() {
    local id
    [ -n "${CRI:-}" ] || return 0
    cri_py cleanup >/dev/null 2>&1
    for id in $(ctr_k8s tasks ls -q 2>/dev/null); do ctr_k8s tasks kill -s SIGKILL "$id"; ctr_k8s tasks delete -f "$id"; done >/dev/null 2>&1
    stop_daemon "$CRI/containerd.pid"
    remove_dirs "$CRI_HARDCODED_DIRS"
    remove_cgroup_parent containerd-cri "$CRI_CGROUP"
    CRI=
}

ctr_k8s() { ctr -a "$CRI/containerd.sock" -n k8s.io "$@"; }

cri_py() { /usr/bin/python3 "$here/cri/scenarios.py" --socket "$CRI/containerd.sock" "$@"; }

# cri_scenario NAME: runs scenario NAME of scenarios.py with the handler under test; its
# NAME=VALUE lines in $facts
cri_scenario() {
    capture facts cri_py --handler "$RT" --runtime-root "$CRI/runtime-root/$RT" --image "$E2E_IMAGE_REF" \
        --logs "$CRI/logs" --cgroup-parent "/$CRI_CGROUP" "$1"
    [ "$facts_rc" = 0 ] || fail "scenarios.py $1: $facts"
}

fact() { sed -n "s/^$1=//p" <<< "$facts"; }

# expect_ran_by WHAT STATE: the state the runtime keeps for a container (scenarios.py's
# *runtime_state) shows that the handler's runtime ran it: jrt keeps a copy of the config beside
# state.json, runc state.json alone; so a handler that fell back to runc would fail here
expect_ran_by() {
    local want=state.json
    [ "$RT" = jrt ] && want="config.json state.json"
    expect_eq "$1 under $RT's root" "$2" "$want"
}

containerd_cri_echo() {
    cri_scenario echo || return 1
    expect_ran_by "pod" "$(fact pod_runtime_state)" &&
        expect_eq "exit code" "$(fact exit_code)" 0 && expect_eq "log" "$(fact log)" hello
}

containerd_cri_exit_code() {
    cri_scenario exit_code || return 1
    expect_ran_by "pod" "$(fact pod_runtime_state)" && expect_eq "exit code" "$(fact exit_code)" 3
}

containerd_cri_exec_sync() {
    cri_scenario exec_sync || return 1
    expect_ran_by "container" "$(fact container_runtime_state)" &&
        expect_eq "exec stdout" "$(fact exec_stdout)" from-exec && expect_eq "exec exit code" "$(fact exec_exit_code)" 4
}

containerd_cri_stop_remove() {
    cri_scenario stop_remove || return 1
    local tasks
    tasks=$(ctr_k8s tasks ls -q)
    expect_ran_by "pod" "$(fact pod_runtime_state)" &&
        expect_eq "pods left" "$(fact pods_left)" 0 && expect_eq "containers left" "$(fact containers_left)" 0 &&
        expect_eq "pod's runtime state after removal" "$(fact pod_runtime_state_after)" absent &&
        expect_eq "container's runtime state after removal" "$(fact container_runtime_state_after)" absent &&
        expect_eq "containerd tasks left" "$(grep -Fx -e "$(fact pod)" -e "$(fact container)" <<< "$tasks")" ""
}

CONTAINERD_CRI_SCENARIOS="echo exit_code exec_sync stop_remove"
