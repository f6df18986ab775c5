#!/bin/bash
# make test-cgroupv2: the cgroup tests on a pure cgroup v2 kernel, in a qemu guest started by the
# lane tool (../shared/lanes/cgroupv2-vm.sh, or CGROUPV2_LANE). In the guest, as root:
#   - CgroupsIT and DeviceFilterIT: every v2 path of the library on real containers (limits and
#     their read-back, conversions, unified, refusals, OOM, pids.max, update, pause, cgroup.kill,
#     stats, the eBPF device filter) and `jrt events` (oom events, --interval, --stats), in one JVM;
#   - conformance tests of the device cgroup and of rdma.max through the CLI, against jrt and runc
#     (differential);
#   - AppArmorIT: process.apparmorProfile on a real container, since the guest's Debian kernel has
#     AppArmor (this host's has no LSM); securityfs is mounted first, apparmor_parser is the host's.
# Kernel modules loaded at the guest's boot for CgroupsIT: bfq (per-device BFQ weights in
# io.bfq.weight, on a loop device switched to BFQ) and rdma_rxe (a soft-RoCE device on a veth pair
# for rdma.max, in CgroupsIT and the conformance test). A module the kernel lacks is left out with
# a warning by the lane, and the test that needs it is skipped, naming what is missing.
# The guest's CPU is emulated (TCG), where each jrt command takes 10 to 40 s (a JVM start, without
# the class-data archive: JRT_CLASS_CACHE=off), so the conformance part is a few tests only.
# Results: build/cgroupv2/status (one line, read by scripts/test-summary.sh), surefire reports in
# build/cgroupv2/reports-*, conformance results in build/cgroupv2/conformance (never
# conformance-tests/target, whose results feed docs/conformance.md).
#
# Exit status: 0 passed, or skipped where the lane tool itself skips (77: V2LANE_ACCEL=kvm or
# V2LANE_ALLOW_TCG=0 on a host without usable KVM) and when not root (like every container test);
# 1 a test failed, or the lane could not run (missing tool, boot failure 125, timeout 124).
# CGROUPV2=skip skips on purpose. Skips are written to the status and printed by make test.
set -u
cd "$(dirname "$0")/.."
out=$PWD/build/cgroupv2
it_classes=CgroupsIT,DeviceFilterIT,EventsCommandIT,AppArmorIT
conformance_jrt='DevicesTest#aConfiguredDevice*,CgroupResourcesTest#rdmaLimitIsWritten'
conformance_runc='DevicesTest#aConfiguredDevice*,CgroupsTest#aLater*,CgroupResourcesTest#rdmaLimitIsWritten'

# A JVM under TCG now and then dies of SIGSEGV in JIT-compiled code (seen in Maven's own JVM, in
# C1 code a few bytes past a method's entry, in about one Maven run of three): that is the
# emulator, not a test result, so such a step runs again, three times at most. Crash reports
# (hs_err_pid*.log) are moved to build/cgroupv2.
retry_crash() {
    local try
    for try in 1 2 3; do
        "$@" && return 0
        crashes=$(find . -maxdepth 2 -name 'hs_err_pid*.log')
        [ -n "$crashes" ] || return 1
        mv $crashes "$out/"
        [ $try = 3 ] || echo "cgroup v2 lane: a JVM crashed under emulation ($crashes); running that step again" >&2
    done
    return 1
}

guest() {
    export JRT_CLASS_CACHE=off
    local rc=0
    grep -q ' /sys/kernel/security ' /proc/self/mounts || mount -t securityfs securityfs /sys/kernel/security
    retry_crash mvn -o -q -B test -Djrt.it=true -Djrt.init="$PWD/build/jrt-init" -pl spec,runtime \
        -Dtest="$it_classes" -Dsurefire.failIfNoSpecifiedTests=false -Djrt.reports="$out/reports-it" || rc=1
    conformance "$PWD/build/dist/bin/jrt" "$conformance_jrt" || rc=1
    conformance "$(command -v runc)" "$conformance_runc" || rc=1
    return $rc
}

conformance() { # runtime tests
    echo "== conformance $2 against $1"
    retry_crash mvn -o -q -B -pl conformance-tests test -DskipTests=false -Druntime="$1" -Dtest="$2" \
        -Dconformance.timeScale=10 -Djunit.jupiter.execution.timeout.default=20m \
        -Dconformance.results="$out/conformance" -Dconformance.work=/tmp/jrt-conformance \
        -Djrt.reports="$out/reports-$(basename "$1")"
}

# passed failed skipped over the surefire reports given
count() {
    cat "$@" 2>/dev/null | sed -n 's/.*<testsuite [^>]*tests="\([0-9]*\)" errors="\([0-9]*\)" skipped="\([0-9]*\)" failures="\([0-9]*\)".*/\1 \2 \3 \4/p' \
        | awk '{t+=$1; e+=$2; s+=$3; f+=$4} END {printf "%d passed, %d failed, %d skipped", t-e-s-f, e+f, s}'
}

status() {
    mkdir -p "$out"
    echo "$*" > "$out/status"
    echo "cgroup v2 lane: $*"
}

if [ "${1:-}" = --guest ]; then
    guest
    exit
fi

if [ "${CGROUPV2:-}" = skip ]; then
    status "SKIPPED (CGROUPV2=skip)"
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    status "SKIPPED (needs root, like every container test)"
    exit 0
fi
lane=${CGROUPV2_LANE:-../shared/lanes/cgroupv2-vm.sh}
if [ ! -x "$lane" ]; then
    status "FAILED: the lane tool $lane is missing (set CGROUPV2_LANE, or CGROUPV2=skip to skip on purpose)"
    exit 1
fi
rm -rf "$out"
mkdir -p "$out"
start=$(date +%s)
rc=0
export V2LANE_EXTRA_MODULES="${V2LANE_EXTRA_MODULES:-} bfq rdma_rxe"
# one vCPU: with two, emulated JVMs died of SIGSEGV in freshly compiled code about once a run
# (qemu's multi-threaded TCG and the JIT's code patching); CGROUPV2_CPUS=2 to compare
"$lane" -t "${CGROUPV2_TIMEOUT:-1500}" -c "${CGROUPV2_CPUS:-1}" -p "$PWD" -- scripts/test-cgroupv2.sh --guest || rc=$?
took=$(( $(date +%s) - start ))
counts=$(count "$out"/reports-*/TEST-*.xml)
case $rc in
    0) status "$counts in ${took} s (pure cgroup v2 guest)" ;;
    77) status "SKIPPED: the host cannot run the guest (the lane tool's reason is above)"; exit 0 ;;
    124) status "FAILED: timed out after ${took} s ($counts)" ;;
    125) status "FAILED: the lane could not boot the guest or run the tests (exit 125, reason above)" ;;
    *) status "FAILED: $counts in ${took} s" ;;
esac
exit $((rc != 0))
