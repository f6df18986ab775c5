#!/usr/bin/env bash
# Latency benchmark: jrt against runc and crun, measured in one run with the runtimes
# alternating, so that machine noise hits all of them alike. Prints medians (ms) and ratios.
#   scripts/bench.sh [-n RUNS]
# Needs root for the container cases; the CLI start-up cases run anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=20
[ "${1:-}" = -n ] && runs=$2
jrt=$PWD/build/dist/bin/jrt
work=$(mktemp -d /tmp/jrt-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m/1e6}'; }

# time_cmd NAME -- command...: appends one sample (ns) to $work/NAME
time_cmd() {
    local name=$1; shift; shift
    local t0 t1
    t0=$(now); "$@" >/dev/null 2>&1 || { echo "bench: '$*' failed" >&2; "$@" >&2 || true; exit 1; }; t1=$(now)
    echo $((t1 - t0)) >> "$work/$name"
}

declare -a runtimes=(jrt runc)
declare -A bin=([jrt]=$jrt [runc]=$(command -v runc || true) [crun]=$(command -v crun || true))
crun_reason=
if [ -n "${bin[crun]}" ]; then
    if [ -d /sys/fs/cgroup/unified ] || ! grep -q cgroup2 /proc/self/mounts || [ -d /sys/fs/cgroup/memory ]; then
        crun_reason="crun 1.8 refuses this host's hybrid cgroup layout"
    else
        runtimes+=(crun)
    fi
else
    crun_reason="crun is not installed"
fi

container_cases=false
if [ "$(id -u)" = 0 ]; then
    container_cases=true
    bundle=$work/bundle
    mkdir -p "$bundle"
    bundles/build-rootfs.sh "$bundle/rootfs" >/dev/null
    cp scripts/bench-config.json "$bundle/config.json"
    # the same container running sleep, for the single calls an engine makes
    sleeper=$work/sleeper
    mkdir -p "$sleeper"
    sed -e 's|"args": \["/bin/true"\]|"args": ["/bin/sleep", "100"]|' -e "s|\"path\": \"rootfs\"|\"path\": \"$bundle/rootfs\"|" \
        scripts/bench-config.json > "$sleeper/config.json"
fi
calls="create state start kill delete delete-force"

for i in $(seq "$runs"); do
    time_cmd jrt-version -- "$jrt" --version
    rm -rf "$work/spec" && mkdir "$work/spec"
    time_cmd jrt-spec -- "$jrt" spec --bundle "$work/spec"
    if $container_cases; then
        for rt in "${runtimes[@]}"; do
            b=${bin[$rt]}
            root=$work/root-$rt
            time_cmd "$rt-run" -- "$b" --root "$root" run --bundle "$bundle" "b$i"
            "$b" --root "$root" delete -f "b$i" >/dev/null 2>&1 || true
            t0=$(now)
            "$b" --root "$root" create --bundle "$bundle" "c$i" </dev/null >/dev/null 2>&1
            "$b" --root "$root" start "c$i" >/dev/null 2>&1
            while [ "$("$b" --root "$root" state "c$i" 2>/dev/null | sed -n 's/.*"status": "\(.*\)".*/\1/p')" = running ]; do :; done
            "$b" --root "$root" delete "c$i" >/dev/null 2>&1
            t1=$(now); echo $((t1 - t0)) >> "$work/$rt-lifecycle"
            time_cmd "$rt-create" -- "$b" --root "$root" create --bundle "$sleeper" "s$i"
            time_cmd "$rt-state" -- "$b" --root "$root" state "s$i"
            time_cmd "$rt-start" -- "$b" --root "$root" start "s$i"
            time_cmd "$rt-kill" -- "$b" --root "$root" kill "s$i" KILL
            while [ "$("$b" --root "$root" state "s$i" 2>/dev/null | sed -n 's/.*"status": "\(.*\)".*/\1/p')" = running ]; do :; done
            time_cmd "$rt-delete" -- "$b" --root "$root" delete "s$i"
            time_cmd "$rt-delete-force" -- "$b" --root "$root" delete --force "s$i"
        done
    fi
done

# A rootfs tarball of about 100 MB (busybox plus an incompressible payload): jrt only (runc takes
# directories). Cold: the cache (STATEROOT.cache) is empty, so run unpacks it; warm: it is reused.
tar_runs=$(( runs < 5 ? runs : 5 ))
if $container_cases; then
    tarb=$work/tarbundle
    mkdir -p "$tarb/src"
    cp -a "$bundle/rootfs/." "$tarb/src/"
    head -c 100M /dev/urandom > "$tarb/src/payload"
    tar -C "$tarb/src" -cf "$tarb/rootfs.tar" .
    rm -rf "$tarb/src"
    sed 's/"path": "rootfs"/"path": "rootfs.tar"/' scripts/bench-config.json > "$tarb/config.json"
    troot=$work/root-tar
    for i in $(seq "$tar_runs"); do
        rm -rf "$troot.cache"
        time_cmd jrt-tar-cold -- "$jrt" --root "$troot" run --bundle "$tarb" "t$i"
        time_cmd jrt-tar-warm -- "$jrt" --root "$troot" run --bundle "$tarb" "w$i"
    done
    rm -rf "$troot.cache"
fi

printf '%-34s %10s\n' "case ($runs runs, median)" "ms"
printf '%-34s %10s\n' "jrt --version" "$(median < "$work/jrt-version")"
printf '%-34s %10s\n' "jrt spec" "$(median < "$work/jrt-spec")"
if $container_cases; then
    declare -A label=([run]="run /bin/true" [lifecycle]="create+start+delete")
    for case in run lifecycle; do
        for rt in "${runtimes[@]}"; do
            printf '%-34s %10s\n' "$rt: ${label[$case]}" "$(median < "$work/$rt-$case")"
        done
        j=$(median < "$work/jrt-$case"); r=$(median < "$work/runc-$case")
        printf '%-34s %10s\n' "ratio jrt/runc ($case)" "$(awk -v a="$j" -v b="$r" 'BEGIN{printf "%.2f", a/b}')"
    done
    echo "single calls on a container running sleep (median ms; delete-force: of a deleted container)"
    for c in $calls; do
        j=$(median < "$work/jrt-$c"); r=$(median < "$work/runc-$c")
        printf '  %-14s jrt %7s  runc %7s  jrt/runc %s\n' "$c" "$j" "$r" "$(awk -v a="$j" -v b="$r" 'BEGIN{printf "%.1f", a/b}')"
    done
    printf '%-34s %10s\n' "jrt: run, 100 MB tarball, cold" "$(median < "$work/jrt-tar-cold")"
    printf '%-34s %10s\n' "jrt: run, 100 MB tarball, warm" "$(median < "$work/jrt-tar-warm")"
else
    echo "(container cases skipped: not root)"
fi
[ -n "$crun_reason" ] && echo "crun skipped: $crun_reason"
exit 0
