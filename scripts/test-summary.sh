#!/bin/sh
# Prints what `make test` ran: the unit and integration tests of spec and runtime (from
# surefire's reports) and each runtime's conformance results (from docs/conformance.md, which
# the previous step has just checked against this run), the engines' end-to-end totals
# (build/e2e/summary), then the cgroup v2 lane's line (build/cgroupv2/status). The last line is the plain total of the host's unit and integration tests.
set -eu
cd "$(dirname "$0")/.."
total() {
    cat "$@" 2>/dev/null | sed -n 's/.*<testsuite [^>]*tests="\([0-9]*\)" errors="\([0-9]*\)" skipped="\([0-9]*\)" failures="\([0-9]*\)".*/\1 \2 \3 \4/p' \
        | awk '{t+=$1; e+=$2; s+=$3; f+=$4} END {printf "%d %d %d\n", t-e-s-f, e+f, s}'
}
set -- $(total spec/target/surefire-reports/TEST-*.xml runtime/target/surefire-reports/TEST-*.xml)
echo "conformance (pass, fail, skip, deviation per runtime):"
sed -n '/^## Runtimes/,/^## runtime.md/p' docs/conformance.md | grep '^| [a-z]' | grep -v '^| runtime' \
    | awk -F'|' '{for (i = 2; i <= 7; i++) gsub(/ /, "", $i);
                  printf "  %-5s %s passed, %s failed, %s skipped, %s deviations\n", $2, $4, $5, $6, $7}'
echo "end-to-end, engines driving jrt and runc (time of all scenarios):"
cat build/e2e/summary 2>/dev/null || echo "  not run"
echo "cgroup v2 lane: $(cat build/cgroupv2/status 2>/dev/null || echo 'not run')"
echo "unit and integration tests of spec and runtime:"
echo "tests: $1 passed, $2 failed, $3 skipped"
