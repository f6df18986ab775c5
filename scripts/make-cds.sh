#!/bin/sh
# Generates the class-data archives for the JDK recorded in <dist>/lib/jrt.java, each from a
# training run: an AOT cache on JDK 25+, a dynamic CDS archive otherwise. jrt-light covers the
# commands that never load a config (state, start, kill, delete, ...), jrt all the others;
# bin/jrt picks one by the command name.
set -e
dist=$1
read -r java < "$dist/lib/jrt.java"
lib=$(readlink -f "$dist")/lib
rm -f "$lib"/jrt*.jsa "$lib"/jrt*.aot
major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
for archive in jrt jrt-light; do
    if [ "$major" -ge 25 ]; then
        flag="-XX:AOTCacheOutput=$lib/$archive.aot"
    else
        flag="-XX:ArchiveClassesAtExit=$lib/$archive.jsa"
    fi
    group=full
    [ "$archive" = jrt-light ] && group=light
    JRT_CACHE_FLAG="$flag" "$dist/bin/jrt" __train "$group" >/dev/null 2>&1 || {
        echo "warning: class-data archive $archive failed to train; jrt still works, only slower to start" >&2
        rm -f "$lib/$archive.jsa" "$lib/$archive.aot"
    }
done
exit 0
