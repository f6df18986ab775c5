#!/bin/sh
# Builds a one-layer busybox image as a docker-archive tarball (manifest.json, config, layer),
# which `ctr images import`, `podman load` and `docker load` all accept; no registry needed.
#   e2e/busybox-image.sh OUT.tar [REPO:TAG [CMD]]
# REPO:TAG defaults to localhost/jrt-e2e/busybox:latest, CMD (the image's Cmd, a JSON array) to
# ["/bin/sh"].
set -eu
out=$1
tag=${2:-localhost/jrt-e2e/busybox:latest}
cmd=${3:-'["/bin/sh"]'}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/jrt-image.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$here/../bundles/build-rootfs.sh" "$work/rootfs" >/dev/null
tar --sort=name --numeric-owner --owner=0 --group=0 --mtime=@0 -C "$work/rootfs" -cf "$work/layer.tar" .
layer=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
mkdir "$work/image" "$work/image/$layer"
mv "$work/layer.tar" "$work/image/$layer/layer.tar"
printf '{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z","config":{"Env":["PATH=/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":%s,"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
    "$cmd" "$layer" > "$work/config.json"
config=$(sha256sum "$work/config.json" | cut -d' ' -f1)
mv "$work/config.json" "$work/image/$config.json"
printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]' "$config" "$tag" "$layer" \
    > "$work/image/manifest.json"
tar --sort=name --numeric-owner --owner=0 --group=0 --mtime=@0 -C "$work/image" -cf "$out" .
