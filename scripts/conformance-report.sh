#!/bin/sh
# Regenerates docs/conformance.md from the conformance suite's results.
#
#   scripts/conformance-report.sh           copy fresh results into conformance-tests/results/, regenerate
#   scripts/conformance-report.sh --check   exit 1 if docs/conformance.md differs from what the results
#                                           generate (fresh results in conformance-tests/target first,
#                                           then the committed ones); writes nothing
#
# Fresh results are conformance-tests/target/conformance-results-<runtime>.json, written by
#   mvn -pl conformance-tests test -DskipTests=false -Druntime=/path/to/runtime
# A runtime without results gets a "not run" column. MVN_FLAGS (default -o) is passed to mvn.
set -eu
cd "$(dirname "$0")/.."
fresh=conformance-tests/target
kept=conformance-tests/results
mvn_flags=${MVN_FLAGS--o}

gen() {
    # shellcheck disable=SC2086
    mvn -q $mvn_flags -pl conformance-tests compile dependency:build-classpath \
        -Dmdep.outputFile=target/classpath.txt >/dev/null
    java -cp "conformance-tests/target/classes:$(cat conformance-tests/target/classpath.txt)" \
        dev.jrt.conformance.report.ReportGenerator "$@"
}

case ${1:-} in
    --check)
        gen --results "$fresh" --results "$kept" --out docs/conformance.md --check ;;
    "")
        mkdir -p "$kept"
        for f in "$fresh"/conformance-results-*.json; do
            [ -e "$f" ] && cp "$f" "$kept/"
        done
        gen --results "$kept" --out docs/conformance.md ;;
    *)
        echo "usage: $0 [--check]" >&2; exit 2 ;;
esac
