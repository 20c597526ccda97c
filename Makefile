# Jielu developer entry points. `make run` and `make test` work on a fresh
# Debian 12 machine with only the Swift toolchain: they install the Debian
# packages they need when run as root, and name them otherwise.
# `make install` / `make uninstall` put the mesh under systemd; see
# deploy/README.md.

SWIFT ?= swift
DEBIAN_PACKAGES := libprotobuf-c-dev protobuf-c-compiler libsqlite3-dev pkg-config
PROTO_DIR := Shared/Proto
PROTO_OUT := Shared/CJieluProto

# Installation layout; `make install DESTDIR=/tmp/stage` stages it instead.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DOCDIR ?= $(PREFIX)/share/doc/jielu
SYSCONFDIR ?= /etc
UNITDIR ?= /etc/systemd/system
DESTDIR ?=
# `make install BUILD_CONFIGURATION=debug` installs the debug build instead.
BUILD_CONFIGURATION ?= release
# The Swift runtime is linked into each program, so a host needs only the
# Debian libraries (libsqlite3-0, libprotobuf-c1), not the toolchain.
SWIFT_BUILD_FLAGS ?= --static-swift-stdlib
PROGRAMS := jielu jielu-registry jielu-intake jielu-dispatch jielu-metrics jielu-markets jielu-gateway
UNITS := $(wildcard deploy/systemd/*.service) deploy/systemd/jielu.target

.PHONY: all deps build run test demo bench proto clean install uninstall

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

# Measures Jielu against redis and nginx and writes bench/RESULTS.md
# (about 6 minutes after the release build; see bench/run.sh).
bench: deps
	@bench/run.sh

# Regenerates the committed protoc-c output from Shared/Proto.
proto: deps
	@scripts/generate-proto.sh "$(PROTO_DIR)" "$(PROTO_OUT)"

# Installs the binaries (from a release build), the systemd units, the
# operator guide and the configuration example. An existing
# /etc/jielu/jielu.conf and mesh.secret are never overwritten; the mesh
# secret is generated only for a real install (empty DESTDIR).
install: deps
	$(SWIFT) build -c $(BUILD_CONFIGURATION) $(SWIFT_BUILD_FLAGS)
	@bin="$$($(SWIFT) build -c $(BUILD_CONFIGURATION) $(SWIFT_BUILD_FLAGS) --show-bin-path)"; \
	set -e; \
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(UNITDIR)" "$(DESTDIR)$(DOCDIR)"; \
	install -d -m 0755 "$(DESTDIR)$(SYSCONFDIR)/jielu"; \
	for program in $(PROGRAMS); do \
		install -m 0755 "$$bin/$$program" "$(DESTDIR)$(BINDIR)/$$program"; \
	done; \
	for unit in $(UNITS); do \
		sed -e 's|/usr/local/bin/|$(BINDIR)/|g' -e 's|/usr/local/share/doc/jielu/|$(DOCDIR)/|g' \
			-e 's|/etc/jielu/|$(SYSCONFDIR)/jielu/|g' "$$unit" > "$(DESTDIR)$(UNITDIR)/$$(basename $$unit)"; \
		chmod 0644 "$(DESTDIR)$(UNITDIR)/$$(basename $$unit)"; \
	done; \
	install -m 0644 deploy/README.md deploy/README.zh-CN.md "$(DESTDIR)$(DOCDIR)/"; \
	install -m 0644 deploy/jielu.conf.example "$(DESTDIR)$(SYSCONFDIR)/jielu/jielu.conf.example"; \
	if [ ! -e "$(DESTDIR)$(SYSCONFDIR)/jielu/jielu.conf" ]; then \
		install -m 0644 deploy/jielu.conf.example "$(DESTDIR)$(SYSCONFDIR)/jielu/jielu.conf"; \
	fi; \
	if [ -z "$(DESTDIR)" ] && [ ! -e "$(SYSCONFDIR)/jielu/mesh.secret" ]; then \
		(umask 077 && head -c 32 /dev/urandom | base64 > "$(SYSCONFDIR)/jielu/mesh.secret"); \
		echo "generated $(SYSCONFDIR)/jielu/mesh.secret; copy it to every host of the mesh"; \
	fi; \
	if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi; \
	echo "installed into $(DESTDIR)$(PREFIX); next steps: $(DOCDIR)/README.md"

# Removes what `make install` put in place. Configuration, the mesh secret
# and the databases under /var/lib/jielu stay; stop the services first.
uninstall:
	@set -e; \
	for program in $(PROGRAMS); do rm -f "$(DESTDIR)$(BINDIR)/$$program"; done; \
	for unit in $(UNITS); do rm -f "$(DESTDIR)$(UNITDIR)/$$(basename $$unit)"; done; \
	rm -f "$(DESTDIR)$(DOCDIR)/README.md" "$(DESTDIR)$(DOCDIR)/README.zh-CN.md"; \
	rmdir "$(DESTDIR)$(DOCDIR)" 2>/dev/null || true; \
	rm -f "$(DESTDIR)$(SYSCONFDIR)/jielu/jielu.conf.example"; \
	if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi; \
	echo "removed Jielu programs and units; kept $(SYSCONFDIR)/jielu and /var/lib/jielu"

clean:
	rm -rf .build
