# Jielu developer entry points. `make run` and `make test` work on a fresh
# Debian 12 machine with only the Swift toolchain: they install the Debian
# packages they need when run as root, and name them otherwise.

SWIFT ?= swift
DEBIAN_PACKAGES := libprotobuf-c-dev protobuf-c-compiler libsqlite3-dev pkg-config
PROTO_DIR := Shared/Proto
PROTO_OUT := Shared/CJieluProto

.PHONY: all deps build run test demo proto clean

all: build

deps:
	@scripts/ensure-packages.sh $(DEBIAN_PACKAGES)

build: deps
	$(SWIFT) build

run: build
	@deploy/run-local.sh

demo: build
	@deploy/run-local.sh --demo

test: deps
	$(SWIFT) build --build-tests
	JIELU_BIN_DIR="$$($(SWIFT) build --show-bin-path)" $(SWIFT) test --skip-build

# Regenerates the committed protoc-c output from Shared/Proto.
proto: deps
	@scripts/generate-proto.sh "$(PROTO_DIR)" "$(PROTO_OUT)"

clean:
	rm -rf .build
