#!/bin/sh
# Installs the Debian packages jrt's build, example and tests need, by name, idempotently.
# Needs root only when something is missing.
set -e
packages="busybox-static runc crun libseccomp2 zstd xz-utils procps gcc libc6-dev make maven apparmor"
# PivotFallbackIT's wrapper (a namespace rooted at the kernel's initial rootfs)
packages="$packages python3-minimal"
# the engines of the end-to-end tests (e2e/), each run as a private daemon by the tests
packages="$packages containerd podman conmon docker.io"
# the CRI client of the containerd-cri e2e engine (Debian 12 has no crictl); for /usr/bin/python3
packages="$packages python3-grpcio"
missing=
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "jrt: missing Debian packages:$missing" >&2
    echo "jrt: run 'sudo make deps' (installing packages needs root), then try again" >&2
    exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
# engines' packages must not start their daemons (there may be no init system to stop them)
policy=/usr/sbin/policy-rc.d
own_policy=false
if [ ! -e $policy ]; then printf '#!/bin/sh\nexit 101\n' > $policy && chmod +x $policy && own_policy=true; fi
status=0
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >/dev/null || status=$?
[ $own_policy = false ] || rm -f $policy
exit $status
