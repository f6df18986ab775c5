#!/bin/sh
# Packs a rootfs directory (from build-rootfs.sh) into tarballs:
#
#   bundles/build-tarballs.sh ROOTFSDIR OUTPREFIX
#
# writes OUTPREFIX.tar, OUTPREFIX.tar.gz, OUTPREFIX.tar.xz and, when the zstd
# CLI is installed (Debian package zstd), OUTPREFIX.tar.zst. Entries are
# stored as ./..., owned by 0:0, sorted, with a fixed mtime, so that the same
# rootfs gives the same .tar.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 ROOTFSDIR OUTPREFIX" >&2; exit 2; }
src=$1
out=$2
[ -d "$src" ] || { echo "$0: $src is not a directory" >&2; exit 1; }
mkdir -p "$(dirname "$out")"

tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 \
    -C "$src" -cf "$out.tar" .
gzip -n -9 -c "$out.tar" > "$out.tar.gz"
xz -9 -T1 -c "$out.tar" > "$out.tar.xz"
if command -v zstd >/dev/null 2>&1; then
    zstd -q -19 -f -o "$out.tar.zst" "$out.tar"
else
    echo "$0: zstd not installed (apt-get install zstd); skipping $out.tar.zst" >&2
fi
ls -l "$out".tar*
