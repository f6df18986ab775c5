# jrt entry points. `make run` builds everything and runs the example bundle;
# `make test` runs every test (unit tests anywhere; integration and conformance as root).
SHELL := /bin/bash
MVN ?= mvn -q -B
DIST := build/dist
CC ?= gcc
CFLAGS_STATIC := -static -O2 -Wall -Wextra -Werror -D_GNU_SOURCE
PREFIX ?= /usr/local
RUNTIME ?= $(CURDIR)/$(DIST)/bin/jrt
IS_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo true || echo false)

.PHONY: all deps build java native dist cds run test unit-test conformance conformance-all bench install clean

all: build

deps:
	@scripts/install-deps.sh

build: deps java native dist cds

java:
	$(MVN) -DskipTests install

native: build/jrt-init build/probe

build/jrt-init: $(wildcard runtime/src/main/c/jrt-init/*.c runtime/src/main/c/jrt-init/*.h)
	@mkdir -p build
	$(CC) $(CFLAGS_STATIC) -o $@ runtime/src/main/c/jrt-init/*.c

build/probe: $(wildcard conformance-tests/src/main/c/*.c)
	@mkdir -p build
	@if [ -f conformance-tests/src/main/c/probe.c ]; then \
	  $(CC) $(CFLAGS_STATIC) -o $@ conformance-tests/src/main/c/probe.c; fi

# build/dist: bin/jrt, lib/*.jar, lib/native/libjnidispatch.so, libexec/jrt-init
dist:
	@scripts/make-dist.sh $(DIST)

# class-data sharing (JDK 17) or AOT cache (JDK 25) for the chosen JDK, from a training run
cds:
	@scripts/make-cds.sh $(DIST)

run: build
	@bundles/build-rootfs.sh bundles/hello/rootfs >/dev/null
	$(DIST)/bin/jrt run --bundle bundles/hello hello-$$$$

test: build unit-test conformance-all

unit-test:
	$(MVN) test -Djrt.it=$(IS_ROOT) -Djrt.dist=$(CURDIR)/$(DIST)

conformance:
	$(MVN) -pl conformance-tests test -DskipTests=false -Druntime=$(RUNTIME)

conformance-all: conformance

bench: build
	@scripts/bench.sh

install: build
	@scripts/install.sh $(DIST) $(PREFIX)

clean:
	$(MVN) clean
	rm -rf build bundles/*/rootfs
