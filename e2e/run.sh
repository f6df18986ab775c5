#!/usr/bin/env bash
# End-to-end tests: real engines (containerd through ctr and through its CRI plugin, podman,
# Docker) drive jrt and, as the reference, runc, through the same scenarios. Each engine gets its
# own private daemon, config, root, state directory and socket under one temporary directory, and
# no network (the CRI pods share the host's, with nothing listening but the loopback stream server).
#   e2e/run.sh [-r JRT] [ENGINE...]   (engines: containerd containerd-cri podman docker; default all)
# An engine is e2e/engines/ENGINE.sh, whose functions and SCENARIOS variable are named after
# ENGINE with "-" as "_" (containerd_cri_setup, CONTAINERD_CRI_SCENARIOS).
# Without -r, the build is installed as `make install` does into a private prefix, and the
# engines call that installed jrt by path.
# Prints one line per scenario and runtime, then each engine's total for jrt and runc.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dist=$here/../build/dist
jrt=
[ "${1:-}" = -r ] && { jrt=$2; shift 2; }
engines=${*:-containerd containerd-cri podman docker}
[ "$(id -u)" = 0 ] || { echo "e2e: needs root (engines run their own daemons)" >&2; exit 1; }

# shellcheck source=e2e/lib.sh
. "$here/lib.sh"
E2E_WORK=$(mktemp -d /tmp/jrt-e2e.XXXXXX)
E2E_RESULTS=$E2E_WORK/results
E2E_IMAGE=$E2E_WORK/busybox.tar
E2E_IMAGE_REF=localhost/jrt-e2e/busybox:latest
export E2E_WORK

# stop_daemon PIDFILE: SIGTERM, then SIGKILL after 10 s
stop_daemon() {
    local pid
    pid=$(cat "$1" 2>/dev/null) || return 0
    kill "$pid" 2>/dev/null || return 0
    wait_until 10 sh -c "! kill -0 $pid" || kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local engine
    for engine in $engines; do "${engine//-/_}_teardown" >/dev/null 2>&1; done
    # mounts that engines left under the work directory, deepest first
    grep -o " $E2E_WORK[^ ]*" /proc/self/mounts | sort -r | while read -r m; do umount -l "$m"; done
    rm -rf "$E2E_WORK"
}
trap cleanup EXIT

if [ -z "$jrt" ]; then
    [ -x "$dist/bin/jrt" ] || { echo "e2e: $dist/bin/jrt not built (make build)" >&2; exit 1; }
    "$here/../scripts/install.sh" "$dist" "$E2E_WORK/prefix" || exit 1
    jrt=$E2E_WORK/prefix/bin/jrt
fi
"$here/busybox-image.sh" "$E2E_IMAGE" "$E2E_IMAGE_REF" || exit 1
declare -A binary=([runc]=$(command -v runc) [jrt]=$jrt)
for engine in $engines; do
    # shellcheck source=/dev/null
    . "$here/engines/$engine.sh"
    echo "$engine:"
    fn=${engine//-/_}
    if ! "${fn}_setup"; then
        echo "  FAIL $engine: the daemon did not start"; E2E_FAILED=1; continue
    fi
    scenarios_var=${fn^^}_SCENARIOS
    for RT in runc jrt; do
        RT_PATH=${binary[$RT]}
        for s in ${!scenarios_var}; do scenario "$engine" "$RT" "$s" "${fn}_$s"; done
    done
    "${fn}_teardown"
done

# the totals, also kept in build/e2e/summary for make test's summary
touch "$E2E_RESULTS"
mkdir -p "$here/../build/e2e"
{
    awk '{t[$1" "$2]+=$4; e[$1]=1; if ($5 != "ok") f[$1]++}
         END {for (k in e) printf "  %-14s runc %6d ms  jrt %6d ms  jrt/runc %s%s\n", k, t[k" runc"], t[k" jrt"],
                  t[k" runc"] ? sprintf("%.1f", t[k" jrt"]/t[k" runc"]) : "-", f[k] ? "  " f[k] " FAILED" : ""}' "$E2E_RESULTS"
    [ "$E2E_FAILED" = 0 ] && echo "  all scenarios passed" || echo "  some scenarios FAILED"
} > "$here/../build/e2e/summary"
echo "totals (all scenarios of an engine):"
cat "$here/../build/e2e/summary"
[ "$E2E_FAILED" = 0 ] || exit 1
