#!/bin/sh
# Generates the class-data archives for the JDK recorded in <dist>/lib/jrt.java, each from a
# training run: an AOT cache on JDK 25+, a dynamic CDS archive otherwise. A JDK 25 AOT cache loads
# every class it holds when the JVM starts (about 10 ms more per 400 classes more), so each
# command an engine calls for every container gets an archive of only what it uses: jrt-state,
# jrt-start, jrt-kill, jrt-delete, jrt-create (create and run) and jrt-exec; jrt holds every
# command, for the others. bin/jrt picks one by the command name.
#
# A training JVM (`jrt __train`) runs only the command lines it reads on stdin; this script makes
# the bundles and the containers those commands need beforehand, with other jrt processes, so
# that none of that setup is in the archive. As root with busybox and the executor built, the
# commands run on real containers; otherwise only on missing ones (their error paths).
set -e
dist=$1
read -r java < "$dist/lib/jrt.java"
lib=$(readlink -f "$dist")/lib
jrt=$(readlink -f "$dist")/bin/jrt
rm -f "$lib"/jrt*.jsa "$lib"/jrt*.aot
major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
work=$(mktemp -d "${TMPDIR:-/tmp}/jrt-train.XXXXXX")
root=$work/state log=$work/log.json
json="--log $log --log-format json"
real=
[ "$(id -u)" = 0 ] && [ -x /bin/busybox ] && [ -x "$dist/libexec/jrt-init" ] && real=1

# jrt ARGS: a helper call, with whatever archives exist so far
run_jrt() { "$jrt" --root "$root" "$@" </dev/null >/dev/null 2>&1; }

# removes every container a training left
delete_all() {
    for id in $("$jrt" --root "$root" list -q 2>/dev/null); do run_jrt delete --force "$id"; done
}

cleanup() {
    delete_all
    rm -rf "$work"
}
trap cleanup EXIT

# bundle NAME ARGS: a busybox bundle configured much as engines configure theirs (namespaces, the
# usual mounts, a cgroup with limits, a seccomp filter, a prestart hook); prints its path
bundle() {
    b=$work/bundle-$1
    if [ ! -d "$b" ]; then
        mkdir -p "$b/rootfs/bin" "$b/rootfs/proc" "$b/rootfs/dev" "$b/rootfs/sys" "$b/rootfs/tmp"
        cp /bin/busybox "$b/rootfs/bin/busybox"
        ln -s busybox "$b/rootfs/bin/true"
        ln -s busybox "$b/rootfs/bin/sleep"
        cat > "$b/config.json" <<JSON
{"ociVersion": "1.0.2",
 "process": {"args": $2, "env": ["PATH=/bin"], "cwd": "/",
             "capabilities": {"bounding": ["CAP_KILL"], "effective": ["CAP_KILL"], "permitted": ["CAP_KILL"]},
             "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024}], "noNewPrivileges": true},
 "root": {"path": "rootfs", "readonly": true}, "hostname": "train",
 "hooks": {"prestart": [{"path": "/bin/true", "args": ["true"]}]},
 "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"},
            {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "mode=755"]},
            {"destination": "/dev/pts", "type": "devpts", "source": "devpts",
             "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"]},
            {"destination": "/dev/shm", "type": "tmpfs", "source": "shm", "options": ["nosuid", "nodev", "size=65536k"]},
            {"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]}],
 "linux": {"namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"}, {"type": "mount"}],
           "cgroupsPath": "/jrt-train-$1-$$",
           "resources": {"memory": {"limit": 67108864}, "pids": {"limit": 100}},
           "seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64"],
                       "syscalls": [{"names": ["kexec_load"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}]},
           "maskedPaths": ["/proc/kcore"], "readonlyPaths": ["/proc/sys"]}}
JSON
    fi
    echo "$b"
}

created() { run_jrt create --bundle "$(bundle "$1" '["/bin/sleep", "30"]')" "train-$1"; }
running() { created "$1" && run_jrt start "train-$1"; }
stopped() { running "$1" && run_jrt kill "train-$1" KILL && sleep 0.3; }

# Each group: prepare its containers (a helper jrt), then print the command lines to train.
state_lines() {
    echo "state missing"
    [ -n "$real" ] && created state && running state-running || return 0
    echo "state train-state"
    echo "state train-state-running"
    echo "$json state train-state-running"
}
start_lines() {
    echo "start missing"
    [ -n "$real" ] && created start || return 0
    echo "$json start train-start"
}
kill_lines() {
    echo "kill missing KILL"
    [ -n "$real" ] && running kill || return 0
    echo "kill train-kill TERM"
    echo "$json kill --all train-kill KILL"
    echo "kill train-kill KILL"
}
delete_lines() {
    echo "delete --force missing"
    [ -n "$real" ] && stopped delete && running delete-force || return 0
    echo "$json delete train-delete"
    echo "delete --force train-delete-force"
}
create_lines() {
    b=$(bundle no-rootfs '["/bin/true"]')
    rm -rf "$b/rootfs"
    echo "$json create --bundle $b train-no-rootfs"
    [ -n "$real" ] || return 0
    echo "run --bundle $(bundle run '["/bin/true"]') train-run"
    echo "$json create --bundle $(bundle create '["/bin/sleep", "30"]') --pid-file $work/create.pid train-create"
}
exec_lines() {
    [ -n "$real" ] && running exec || return 0
    echo "exec train-exec /bin/true"
    echo "$json exec --pid-file $work/exec.pid train-exec /bin/true"
}
others_lines() {
    echo "--version"
    mkdir -p "$work/spec"
    echo "spec --bundle $work/spec"
    echo "features"
    echo "list"
    [ -n "$real" ] && running others || return 0
    echo "ps train-others"
    echo "events --stats train-others"
    echo "pause train-others"
    echo "resume train-others"
    echo "list --format json"
    echo "update --pids-limit 100 train-others"
}
full_lines() {
    for g in state start kill delete create exec others; do "${g}_lines"; done
}

for group in full state start kill delete create exec; do
    archive=jrt-$group
    [ "$group" = full ] && archive=jrt
    if [ "$major" -ge 25 ]; then
        flag="-XX:AOTCacheOutput=$lib/$archive.aot"
    else
        flag="-XX:ArchiveClassesAtExit=$lib/$archive.jsa"
    fi
    "${group}_lines" > "$work/lines"
    # each line is one command, run in the training JVM with --root added in front
    JRT_CACHE_FLAG="$flag" "$jrt" __train "$root" < "$work/lines" >/dev/null 2>&1 || {
        echo "warning: class-data archive $archive failed to train; jrt still works, only slower to start" >&2
        rm -f "$lib/$archive.jsa" "$lib/$archive.aot"
    }
    delete_all
done
exit 0
