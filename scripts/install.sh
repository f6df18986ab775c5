#!/bin/sh
# Installs the built tree: PREFIX/lib/jrt/{bin,lib,libexec} and the command PREFIX/bin/jrt,
# then trains the class-data archive again, because an archive is tied to its jar paths.
#   scripts/install.sh DIST PREFIX
set -e
dist=$1 prefix=$2
home=$prefix/lib/jrt
rm -rf "$home"
mkdir -p "$home" "$prefix/bin"
cp -R "$dist/." "$home/"
rm -f "$home"/lib/jrt*.jsa "$home"/lib/jrt*.aot
ln -sf "../lib/jrt/bin/jrt" "$prefix/bin/jrt"
"$(dirname "$0")/make-cds.sh" "$home"
echo "installed $prefix/bin/jrt ($("$prefix/bin/jrt" --version | head -1))"
