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
( cd "$dist/lib" && ls jrt-runtime.jar && ls *.jar | grep -v '^jrt-runtime.jar$' ) | tr '\n' ' ' > "$dist/lib/jrt.classpath"
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
