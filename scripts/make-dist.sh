#!/bin/sh
# Assembles the runnable tree: <dist>/bin/jrt, lib/*.jar (+ jrt.classpath, jrt.java),
# lib/native/libjnidispatch.so (extracted once here, never at start-up), libexec/jrt-init.
set -e
dist=$1
rm -rf "$dist"
mkdir -p "$dist/bin" "$dist/lib/native" "$dist/libexec"
cp bin/jrt "$dist/bin/jrt"
cp runtime/target/jrt-runtime.jar "$dist/lib/"
cp runtime/target/lib/*.jar "$dist/lib/"
# Order matters for start-up: a resource lookup (the schema, networknt's and Jackson's files)
# opens jars in class-path order until one has it, and opening a jar reads its whole index. The
# jars create needs come first; the tarball and YAML ones, rarely used, last.
first="jrt-runtime.jar jrt-spec.jar json-schema-validator.jar jackson-core.jar jackson-databind.jar
jackson-annotations.jar jna.jar slf4j-api.jar itu.jar"
( cd "$dist/lib" && for j in $first; do [ -f "$j" ] && echo "$j"; done
  ls *.jar | grep -vxF "$(echo "$first" | tr ' ' '\n')" ) | tr '\n' ' ' > "$dist/lib/jrt.classpath"
echo >> "$dist/lib/jrt.classpath"
case $(uname -m) in
    x86_64) jnaarch=linux-x86-64 ;;
    aarch64) jnaarch=linux-aarch64 ;;
    *) jnaarch=linux-$(uname -m) ;;
esac
java=$(scripts/select-java.sh)
echo "$java" > "$dist/lib/jrt.java"
jar=$(dirname "$(readlink -f "$java")")/jar
[ -x "$jar" ] || jar=jar
( cd "$dist/lib/native" && "$jar" xf ../jna.jar "com/sun/jna/$jnaarch/libjnidispatch.so" \
    && mv "com/sun/jna/$jnaarch/libjnidispatch.so" . && rm -rf com )
[ -f build/jrt-init ] && cp build/jrt-init "$dist/libexec/jrt-init"
exit 0
