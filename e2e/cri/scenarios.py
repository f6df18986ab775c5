"""The CRI scenarios of e2e/engines/containerd-cri.sh, one process per scenario (importing grpc
costs about 0.2 s). Each prints what it observed as NAME=VALUE lines for the shell to check,
and removes its pod whatever happened.
  scenarios.py --socket S --handler H --runtime-root DIR --image REF --logs DIR --cgroup-parent P SCENARIO
  scenarios.py --socket S wait-image REF     (until the CRI plugin knows the image)
  scenarios.py --socket S cleanup            (stops and removes every pod)"""

import argparse
import os
import sys
import time
import uuid
from contextlib import contextmanager

import grpc

from cri_api import CONTAINER_EXITED, Cri, container_config, pod_sandbox_config

# a PID 1 that exits 0 on SIGTERM at once (PID 1 ignores signals it has no handler for)
TERM_AWARE_SLEEPER = ["sh", "-c", 'trap "exit 0" TERM; sleep 1000 & wait']
# the runc shim runs the runtime with --root <the handler's Root>/<containerd namespace>
CRI_NAMESPACE = "k8s.io"


def report(name, value):
    print(f"{name}={value}".replace("\n", "\\n"), flush=True)


def runtime_state(args, container_id):
    """The files the runtime keeps for a container under the handler's root, or "absent"."""
    path = os.path.join(args.runtime_root, CRI_NAMESPACE, container_id)
    if not os.path.isdir(path):
        return "absent"
    return " ".join(sorted(f for f in os.listdir(path) if not f.startswith(".")))


def cri_log(path):
    """The stdout lines of a CRI log file ("<time> <stream> <P|F> <text>" per line)."""
    lines = []
    with open(path) as f:
        for line in f:
            _time, stream, _tag, text = line.rstrip("\n").split(" ", 3)
            if stream == "stdout":
                lines.append(text)
    return "\n".join(lines)


@contextmanager
def pod(cri, args):
    """A running pod under the handler being tested; stopped and removed on the way out."""
    name = f"{args.scenario.replace('_', '-')}-{args.handler}"
    log_directory = os.path.join(args.logs, name)
    config = pod_sandbox_config(name, str(uuid.uuid4()), log_directory, args.cgroup_parent)
    pod_id = cri.run_pod_sandbox(config, args.handler)
    report("pod", pod_id)
    report("pod_runtime_state", runtime_state(args, pod_id))
    try:
        yield pod_id, config, log_directory
    finally:
        cri.stop_pod_sandbox(pod_id)
        cri.remove_pod_sandbox(pod_id)


def start_container(cri, args, pod_id, config, command):
    container_id = cri.create_container(pod_id, container_config("c", args.image, command, "c.log"), config)
    cri.start_container(container_id)
    report("container", container_id)
    return container_id


def wait_for_exit(cri, container_id, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        state, exit_code = cri.container_state(container_id)
        if state == CONTAINER_EXITED or time.monotonic() > deadline:
            return state, exit_code
        time.sleep(0.02)


def run_to_exit(cri, args, command):
    """A pod whose container runs command: reports its exit code and its log's stdout."""
    with pod(cri, args) as (pod_id, config, log_directory):
        container_id = start_container(cri, args, pod_id, config, command)
        state, exit_code = wait_for_exit(cri, container_id)
        report("state", state)
        report("exit_code", exit_code)
        report("log", cri_log(os.path.join(log_directory, "c.log")))


def scenario_echo(cri, args):
    run_to_exit(cri, args, ["echo", "hello"])


def scenario_exit_code(cri, args):
    run_to_exit(cri, args, ["sh", "-c", "exit 3"])


def scenario_exec_sync(cri, args):
    with pod(cri, args) as (pod_id, config, _):
        container_id = start_container(cri, args, pod_id, config, TERM_AWARE_SLEEPER)
        report("container_runtime_state", runtime_state(args, container_id))
        stdout, _stderr, exit_code = cri.exec_sync(container_id, ["sh", "-c", "echo from-exec; exit 4"], 30)
        report("exec_stdout", stdout.rstrip("\n"))
        report("exec_exit_code", exit_code)


def scenario_stop_remove(cri, args):
    with pod(cri, args) as (pod_id, config, _):
        container_id = start_container(cri, args, pod_id, config, TERM_AWARE_SLEEPER)
    report("pods_left", len(cri.pod_sandbox_ids(pod_id)))
    report("containers_left", len(cri.container_ids(pod_id)))
    report("pod_runtime_state_after", runtime_state(args, pod_id))
    report("container_runtime_state_after", runtime_state(args, container_id))


def wait_image(cri, image, seconds=20):
    deadline = time.monotonic() + seconds
    while not cri.has_image(image):
        if time.monotonic() > deadline:
            sys.exit(f"the CRI plugin does not know {image}")
        time.sleep(0.1)


def cleanup(cri):
    for pod_id in cri.pod_sandbox_ids():
        cri.stop_pod_sandbox(pod_id)
        cri.remove_pod_sandbox(pod_id)


SCENARIOS = {name[len("scenario_"):]: fn for name, fn in globals().items() if name.startswith("scenario_")}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--socket", required=True)
    parser.add_argument("--handler")
    parser.add_argument("--runtime-root")
    parser.add_argument("--image")
    parser.add_argument("--logs")
    parser.add_argument("--cgroup-parent")
    parser.add_argument("scenario", choices=[*SCENARIOS, "wait-image", "cleanup"])
    parser.add_argument("ref", nargs="?")
    args = parser.parse_args()
    cri = Cri(args.socket)
    try:
        if args.scenario == "wait-image":
            wait_image(cri, args.ref)
        elif args.scenario == "cleanup":
            cleanup(cri)
        else:
            SCENARIOS[args.scenario](cri, args)
    except grpc.RpcError as e:
        report("error", f"{e.code().name}: {e.details()}")
        sys.exit(1)


if __name__ == "__main__":
    main()
