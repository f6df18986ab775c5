#!/bin/sh
# Generates the class-data archive for the JDK recorded in <dist>/lib/jrt.java from one
# training run of common commands: an AOT cache on JDK 25+, a dynamic CDS archive otherwise.
# Into <dist>/lib, or into DIR (scripts/make-cds.sh <dist> DIR; for JRT_CLASS_CACHE, see bin/jrt).
set -e
dist=$1
mkdir -p "${2:-$dist/lib}"
out=$(readlink -f "${2:-$dist/lib}")
read -r java < "$dist/lib/jrt.java"
rm -f "$out/jrt.jsa" "$out/jrt.aot"
major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
if [ "$major" -ge 25 ]; then
    flag="-XX:AOTCacheOutput=$out/jrt.aot"
else
    flag="-XX:ArchiveClassesAtExit=$out/jrt.jsa"
fi
JRT_CACHE_FLAG="$flag" "$dist/bin/jrt" __train >/dev/null 2>&1 || {
    echo "warning: class-data archive training failed; jrt still works, only slower to start" >&2
    rm -f "$out/jrt.jsa" "$out/jrt.aot"
}
exit 0
