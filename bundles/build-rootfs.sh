#!/bin/sh
# Builds a minimal busybox root filesystem directory from Debian's busybox-static.
#
#   bundles/build-rootfs.sh OUTDIR [--probe PATH] [--busybox PATH]
#
# OUTDIR is created (it must not exist or be empty). The result holds
# bin/busybox with one symlink per applet in bin/ and sbin/, etc/passwd and
# etc/group with root and nobody, etc/hostname, etc/hosts, etc/resolv.conf,
# empty mountpoints /proc /sys /dev /tmp /run /root, and, with --probe, the
# conformance probe at /probe. Needs: a static busybox (Debian package
# busybox-static, /bin/busybox), coreutils.
set -eu

usage() { echo "usage: $0 OUTDIR [--probe PATH] [--busybox PATH]" >&2; exit 2; }

[ $# -ge 1 ] || usage
out=$1; shift
probe=
busybox=/bin/busybox
while [ $# -gt 0 ]; do
    case $1 in
        --probe) [ $# -ge 2 ] || usage; probe=$2; shift 2 ;;
        --busybox) [ $# -ge 2 ] || usage; busybox=$2; shift 2 ;;
        *) usage ;;
    esac
done

[ -x "$busybox" ] || { echo "$0: $busybox not found (apt-get install busybox-static)" >&2; exit 1; }
if file -L "$busybox" 2>/dev/null | grep -q 'dynamically linked'; then
    echo "$0: $busybox is dynamically linked; install busybox-static" >&2; exit 1
fi
if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
    echo "$0: $out exists and is not empty" >&2; exit 1
fi

if [ -n "$probe" ]; then
    [ -f "$probe" ] || { echo "$0: probe $probe not found" >&2; exit 1; }
    probe=$(cd "$(dirname "$probe")" && pwd)/$(basename "$probe")
fi
busybox=$(cd "$(dirname "$busybox")" && pwd)/$(basename "$busybox")
mkdir -p "$out"
cd "$out"
mkdir -p bin sbin usr/bin usr/sbin etc proc sys dev tmp run root home var/tmp
chmod 1777 tmp var/tmp
chmod 0700 root
cp "$busybox" bin/busybox
chmod 0755 bin/busybox

# one symlink per applet; busybox --list-full prints paths such as usr/bin/env
bin/busybox --list-full | while read -r applet; do
    [ -n "$applet" ] || continue
    dir=${applet%/*}
    [ "$dir" = "$applet" ] && dir=bin
    name=${applet##*/}
    [ "$name" = busybox ] && continue
    case $dir in
        bin) target=busybox ;;
        sbin|usr/bin|usr/sbin) target=/bin/busybox ;;
        *) dir=bin; target=busybox ;;
    esac
    [ -e "$dir/$name" ] || ln -s "$target" "$dir/$name"
done

cat > etc/passwd <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat > etc/group <<'GROUP'
root:x:0:
nogroup:x:65534:
GROUP
echo busybox > etc/hostname
printf '127.0.0.1\tlocalhost\n::1\tlocalhost\n' > etc/hosts
: > etc/resolv.conf

if [ -n "$probe" ]; then
    cp "$probe" probe
    chmod 0755 probe
fi
