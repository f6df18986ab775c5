#!/bin/sh
# Prints the java binary jrt should run on: $JAVA_HOME if set, else the newest JDK 21+ under
# /usr/lib/jvm (faster start-up with an AOT cache on 25), else the default `java`.
# The choice is made once, at build time, and recorded in lib/jrt.java.
if [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    echo "$JAVA_HOME/bin/java"; exit 0
fi
best= best_major=0
for dir in /usr/lib/jvm/*/; do
    java=${dir}bin/java
    [ -x "$java" ] || continue
    [ -L "${dir%/}" ] && continue
    major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
    case $major in ''|*[!0-9]*) continue ;; esac
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$java best_major=$major; fi
done
if [ -n "$best" ]; then echo "$best"; exit 0; fi
command -v java
