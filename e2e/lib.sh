# Shared helpers of the engine end-to-end tests; sourced by e2e/run.sh and the engine files.
# A scenario is a shell function that returns non-zero (after `fail`) when the engine, driving
# the runtime in $RT_PATH, does not behave as expected.

E2E_FAILED=0

# fail MESSAGE: records why the current scenario failed, then returns 1
fail() { printf '      %s\n' "$*"; return 1; }

# expect_eq WHAT GOT WANT
expect_eq() {
    [ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

# expect_contains WHAT TEXT NEEDLE
expect_contains() {
    case $2 in *"$3"*) return 0 ;; esac
    fail "$1: '$3' not found in: $(printf '%s' "$2" | tail -c 600)"
}

# capture VAR CMD...: runs CMD, stores combined output in VAR and the exit status in ${VAR}_rc
capture() {
    local __var=$1; shift
    local __out __rc=0
    __out=$("$@" 2>&1) || __rc=$?
    printf -v "$__var" '%s' "$__out"
    printf -v "${__var}_rc" '%s' "$__rc"
}

# wait_until SECONDS CMD...: polls CMD every 0.1 s until it succeeds
wait_until() {
    local deadline=$(( $(date +%s) + $1 )); shift
    until "$@" >/dev/null 2>&1; do
        [ "$(date +%s)" -lt "$deadline" ] || return 1
        sleep 0.1
    done
}

# start_containerd DIR [CRI_TOML]: a containerd whose config, root, state, sockets
# (DIR/containerd.sock), log and pid file (DIR/containerd.pid) are all in DIR; returns once it
# answers. Without CRI_TOML its CRI plugin is disabled; with it, enabled and configured by it
# (tables under [plugins."io.containerd.grpc.v1.cri"]).
start_containerd() {
    mkdir -p "$1"
    {
        cat <<TOML
version = 2
root = "$1/root"
state = "$1/state"
TOML
        [ -n "${2:-}" ] || echo 'disabled_plugins = ["io.containerd.grpc.v1.cri"]'
        # the opt plugin would otherwise make /opt/containerd
        cat <<TOML
[grpc]
  address = "$1/containerd.sock"
[ttrpc]
  address = "$1/containerd.sock.ttrpc"
[plugins."io.containerd.internal.v1.opt"]
  path = "$1/opt"
TOML
        printf '%s\n' "${2:-}"
    } > "$1/config.toml"
    containerd --config "$1/config.toml" > "$1/containerd.log" 2>&1 &
    echo $! > "$1/containerd.pid"
    wait_until 20 ctr -a "$1/containerd.sock" version || { tail -20 "$1/containerd.log"; return 1; }
}

# absent_dirs DIR...: those of DIRs that do not exist yet, deepest last, so that teardown can
# remove what a daemon made at a fixed path whatever its configuration (rmdir: only if empty)
absent_dirs() {
    local d
    for d in "$@"; do [ -e "$d" ] || printf '%s ' "$d"; done
}

# remove_dirs "DIR...": rmdir in reverse order
remove_dirs() {
    local d
    for d in $(printf '%s\n' $1 | tac); do rmdir "$d" 2>/dev/null; done
    true
}

# remove_cgroup_parent ENGINE NAME: removes the (empty) cgroup NAME an engine put its containers
# under, in every hierarchy; one that is not empty means a runtime left a container's cgroup
# behind, which fails the run
remove_cgroup_parent() {
    local d
    for d in /sys/fs/cgroup/*/"$2"; do
        [ -d "$d" ] || continue
        rmdir "$d" 2>/dev/null || { echo "  FAIL $1: a container's cgroup was left in $d"; E2E_FAILED=1; }
    done
    true
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# scenario ENGINE RUNTIME NAME FUNCTION: runs one scenario, prints ok/FAIL with its time and
# appends "engine runtime name ms status" to $E2E_RESULTS
scenario() {
    local engine=$1 runtime=$2 name=$3 fn=$4 t0 ms status=ok
    t0=$(now_ms)
    if ! "$fn"; then status=FAIL; E2E_FAILED=1; fi
    ms=$(( $(now_ms) - t0 ))
    printf '  %-4s %-14s %-5s %-28s %6d ms\n' "$status" "$engine" "$runtime" "$name" "$ms"
    echo "$engine $runtime $name $ms $status" >> "$E2E_RESULTS"
}

# the memory limit the container sees for itself, from its cgroup files (v2, else v1)
# shellcheck disable=SC2016
READ_MEMORY_LIMIT='if [ -f /sys/fs/cgroup/memory.max ]; then cat /sys/fs/cgroup/memory.max; else cat /sys/fs/cgroup/memory/memory.limit_in_bytes; fi'

# a PID 1 that exits 0 on SIGTERM at once (PID 1 ignores signals it has no handler for)
# shellcheck disable=SC2016
TERM_AWARE_SLEEPER='trap "exit 0" TERM; sleep 1000 & wait'
