"""The calls of the CRI (Kubernetes' Container Runtime Interface, runtime.v1) that the e2e
scenarios make, over gRPC with hand-encoded messages. Field numbers are those of cri-api's
pkg/apis/runtime/v1/api.proto."""

import grpc

from protowire import first, int32, message, parse, string, submessage

# NamespaceMode
POD, CONTAINER, NODE = 0, 1, 2
# ContainerState
CONTAINER_CREATED, CONTAINER_RUNNING, CONTAINER_EXITED, CONTAINER_UNKNOWN = 0, 1, 2, 3


def namespace_options():
    """As the kubelet sets them for a pod with hostNetwork: the node's network (so no CNI is
    needed), a PID namespace per container, the pod's IPC namespace."""
    return message({1: NODE, 2: CONTAINER, 3: POD})


def pod_sandbox_config(name, uid, log_directory, cgroup_parent):
    metadata = message({1: name, 2: uid, 3: "jrt-e2e"})
    security_context = message({1: namespace_options()})
    linux = message({1: cgroup_parent, 2: security_context})
    return message({1: metadata, 3: log_directory, 8: linux})


def container_config(name, image, command, log_path):
    security_context = message({3: namespace_options()})
    return message({
        1: message({1: name}),
        2: message({1: image}),
        3: command,
        11: log_path,
        15: message({2: security_context}),
    })


class Cri:
    """containerd's CRI plugin at a unix socket: its RuntimeService and ImageService."""

    def __init__(self, socket):
        self.channel = grpc.insecure_channel("unix://" + socket)

    def call(self, service, method, request):
        # without (de)serializers grpc sends and returns the raw bytes
        rpc = self.channel.unary_unary(f"/runtime.v1.{service}/{method}")
        return parse(rpc(request, timeout=60))

    def runtime(self, method, fields):
        return self.call("RuntimeService", method, message(fields))

    def run_pod_sandbox(self, config, runtime_handler):
        return string(self.runtime("RunPodSandbox", {1: config, 2: runtime_handler}), 1)

    def stop_pod_sandbox(self, pod_id):
        self.runtime("StopPodSandbox", {1: pod_id})

    def remove_pod_sandbox(self, pod_id):
        self.runtime("RemovePodSandbox", {1: pod_id})

    def pod_sandbox_ids(self, pod_id=None):
        """The ids of all pods, or of the pod pod_id if it exists."""
        response = self.runtime("ListPodSandbox", {1: message({1: pod_id})})
        return [string(parse(item), 1) for item in response.get(1, [])]

    def create_container(self, pod_id, config, sandbox_config):
        return string(self.runtime("CreateContainer", {1: pod_id, 2: config, 3: sandbox_config}), 1)

    def start_container(self, container_id):
        self.runtime("StartContainer", {1: container_id})

    def container_ids(self, pod_id):
        response = self.runtime("ListContainers", {1: message({3: pod_id})})
        return [string(parse(item), 1) for item in response.get(1, [])]

    def container_state(self, container_id):
        """(ContainerState, exit code)"""
        status = submessage(self.runtime("ContainerStatus", {1: container_id}), 1)
        return first(status, 3, CONTAINER_CREATED), int32(status, 7)

    def exec_sync(self, container_id, command, timeout_seconds):
        """(stdout, stderr, exit code) of command run in the container"""
        response = self.runtime("ExecSync", {1: container_id, 2: command, 3: timeout_seconds})
        return first(response, 1, b"").decode(), first(response, 2, b"").decode(), int32(response, 3)

    def has_image(self, image):
        response = self.call("ImageService", "ImageStatus", message({1: message({1: image})}))
        return 1 in response
