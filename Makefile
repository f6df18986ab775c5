# jrt entry points. `make run` builds everything and runs the example bundle;
# `make test` runs every test (unit tests anywhere; integration, conformance and the cgroup v2
# lane as root).
SHELL := /bin/bash
MVN ?= mvn -q -B
DIST := build/dist
CC ?= gcc
CFLAGS_STATIC := -static -O2 -Wall -Wextra -Werror
PREFIX ?= /usr/local
RUNTIME ?= $(CURDIR)/$(DIST)/bin/jrt
IS_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo true || echo false)

.PHONY: all deps build java native dist cds run test unit-test e2e test-cgroupv2 conformance conformance-all conformance-report bench install clean

all: build

deps:
	@scripts/install-deps.sh

build: deps java native dist cds

java:
	$(MVN) -DskipTests install

native: build/jrt-init build/probe build/recvtty build/seccomp-agent

build/jrt-init: $(wildcard runtime/src/main/c/jrt-init/*.c runtime/src/main/c/jrt-init/*.h)
	@mkdir -p build
	$(CC) $(CFLAGS_STATIC) -D_GNU_SOURCE -o $@ runtime/src/main/c/jrt-init/*.c

build/probe: conformance-tests/src/main/c/probe.c
	@mkdir -p build
	$(CC) $(CFLAGS_STATIC) -o $@ conformance-tests/src/main/c/probe.c

build/recvtty: conformance-tests/src/main/c/recvtty.c
	@mkdir -p build
	$(CC) $(CFLAGS_STATIC) -o $@ conformance-tests/src/main/c/recvtty.c

build/seccomp-agent: conformance-tests/src/main/c/seccomp-agent.c
	@mkdir -p build
	$(CC) $(CFLAGS_STATIC) -o $@ conformance-tests/src/main/c/seccomp-agent.c

# build/dist: bin/jrt, lib/*.jar, lib/native/libjnidispatch.so, libexec/jrt-init
dist:
	@scripts/make-dist.sh $(DIST)

# class-data sharing (JDK 17) or AOT cache (JDK 25) for the chosen JDK, from a training run
cds:
	@scripts/make-cds.sh $(DIST)

run: build
	@[ -d bundles/hello/rootfs ] || bundles/build-rootfs.sh bundles/hello/rootfs >/dev/null
	$(DIST)/bin/jrt run --bundle bundles/hello hello-$$$$

test: build unit-test conformance-all e2e test-cgroupv2
	@scripts/test-summary.sh

# unit tests everywhere; as root also the integration tests that run real containers
unit-test:
	$(MVN) test -Djrt.it=$(IS_ROOT) -Djrt.init=$(CURDIR)/build/jrt-init

# real engines (containerd through ctr and through CRI, podman, Docker; private daemons) drive
# jrt and runc through the same scenarios; needs root. `make e2e ENGINES=podman` runs one engine.
ENGINES ?=
e2e: build
	e2e/run.sh $(ENGINES)

# the cgroup tests on a pure cgroup v2 kernel: a qemu guest from ../shared/lanes (CGROUPV2_LANE),
# software-emulated here. CgroupsIT and DeviceFilterIT, and the conformance suite's cgroup and device
# classes against jrt, runc and crun. See scripts/test-cgroupv2.sh for the exit statuses and
# CGROUPV2=skip; `make test` prints the lane's line in its summary.
CGROUPV2_LANE ?= ../shared/lanes/cgroupv2-vm.sh
test-cgroupv2: build
	@scripts/test-cgroupv2.sh

# the black-box suite against one runtime: make conformance RUNTIME=/usr/sbin/runc
conformance: build/probe build/recvtty build/seccomp-agent
	$(MVN) -pl conformance-tests test -DskipTests=false -Druntime=$(RUNTIME)

# jrt, runc and crun side by side. runc must pass (its known deviations are marked in the
# tests). jrt's results are the committed report's: any change, better or worse, makes
# docs/conformance.md stale and fails the check until the report is regenerated and committed.
conformance-all: build/probe build/recvtty build/seccomp-agent
	$(MVN) -pl conformance-tests test -DskipTests=false -Druntime=$(CURDIR)/$(DIST)/bin/jrt \
	    -Dmaven.test.failure.ignore=true
	$(MVN) -pl conformance-tests test -DskipTests=false -Druntime=$$(command -v runc)
	$(MVN) -pl conformance-tests test -DskipTests=false -Druntime=$$(command -v crun)
	scripts/conformance-report.sh --check

# after a full conformance-all: copy the results and regenerate docs/conformance.md
conformance-report:
	scripts/conformance-report.sh

bench: build
	@scripts/bench.sh

install: build
	@scripts/install.sh $(DIST) $(PREFIX)

clean:
	$(MVN) clean
	rm -rf build bundles/*/rootfs
