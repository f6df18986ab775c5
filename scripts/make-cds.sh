#!/bin/sh
# Generates the class-data archives for the JDK recorded in <dist>/lib/jrt.java, each from a
# training run: an AOT cache on JDK 25+, a dynamic CDS archive otherwise. One archive per group
# of commands an engine calls for every container (jrt-light: state, start, kill, delete;
# jrt-create: create, run; jrt-exec: exec), and jrt for all the others (`jrt __train` says what
# each group runs); bin/jrt picks one by the command name.
set -e
dist=$1
read -r java < "$dist/lib/jrt.java"
lib=$(readlink -f "$dist")/lib
rm -f "$lib"/jrt*.jsa "$lib"/jrt*.aot
major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
for group in full light create exec; do
    archive=jrt-$group
    [ "$group" = full ] && archive=jrt
    if [ "$major" -ge 25 ]; then
        flag="-XX:AOTCacheOutput=$lib/$archive.aot"
    else
        flag="-XX:ArchiveClassesAtExit=$lib/$archive.jsa"
    fi
    JRT_CACHE_FLAG="$flag" "$dist/bin/jrt" __train "$group" >/dev/null 2>&1 || {
        echo "warning: class-data archive $archive failed to train; jrt still works, only slower to start" >&2
        rm -f "$lib/$archive.jsa" "$lib/$archive.aot"
    }
done
exit 0
