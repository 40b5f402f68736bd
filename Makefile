# Neglect Toolkit: `make run` and `make test` are the two set-up commands (see README).
# Both install whatever is missing on a fresh Debian 12 machine (as root, or with sudo).

SHELL := /bin/bash
.DEFAULT_GOAL := run

APT_PACKAGES := build-essential pkg-config curl file libssl-dev libwebkit2gtk-4.1-dev \
	xvfb xauth webkit2gtk-driver poppler-utils sqlite3 imagemagick fonts-dejavu-core perl \
	xclip hunspell-en-gb faketime \
	dbus-daemon at-spi2-core python3-gi gir1.2-atspi-2.0
# (the last line: e2e_practice reads the native save dialog's filter list through AT-SPI)
# Windows cross-build and its tests: MinGW-w64, the NSIS compiler, and Wine to run the results.
WINDOWS_APT_PACKAGES := gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 nsis wine64
TAURI_DRIVER_VERSION := 2.1.0
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(PATH)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
XVFB := xvfb-run -a -s "-screen 0 1280x900x24"

# OpenSSL: everything that ships (`release`, `windows`) compiles it from source, through rusqlite's
# `bundled-sqlcipher-vendored-openssl`, so the app carries the same OpenSSL on every platform.
# Development and test builds on Linux link Debian's instead (libssl-dev; openssl-sys reads
# OPENSSL_NO_VENDOR, and "0" means vendored). Building OpenSSL from source costs a cold `make
# test` about 2.5 minutes, a quarter of it, and tests nothing of ours; the shipped, vendored build
# is tested by `RELEASE_TEST=1 make test` (the .deb's install test and the Windows tests under Wine).
run app test screenshot: export OPENSSL_NO_VENDOR = 1
release windows test-windows: export OPENSSL_NO_VENDOR = 0

.PHONY: run test deps system-packages rust tauri-driver ui ui-test app screenshot release clean \
	windows test-windows windows-deps

## run: install what is missing, build, and open the app on the user's data folder.
run: deps app
	./target/debug/neglect-toolkit $(ARGS)

## test: install what is missing, then every test: lints (rustfmt, ESLint, clippy), UI unit tests,
## core and shell tests, end to end, then the core's and UI's unit tests again on awkward days
## (scripts/test-dates.sh).
test: deps ui
	cargo fmt --all --check
	cd ui && npx eslint --max-warnings 0 .
	cd ui && npx vitest run
	$(WITH_CLIPPY) cargo test --workspace --all-targets --locked --no-run
	$(WITH_CLIPPY) $(XVFB) cargo test --workspace --locked
	$(WITH_CLIPPY) bash scripts/test-dates.sh
	@if [ "$$RELEASE_TEST" = 1 ]; then $(MAKE) release && bash scripts/release-test.sh && $(MAKE) test-windows; fi
	@echo "make test: all tests passed"

# Clippy (warnings are errors) runs inside the test build instead of in a `cargo clippy` pass of
# its own: clippy-driver compiles the workspace's crates as rustc does, and lints them on the way,
# as `cargo clippy --workspace --all-targets -- -D warnings` would (the same driver and
# arguments: cargo-clippy passes them this way). A separate pass type-checked every dependency
# a second time (check and build results are never shared), minutes of a cold `make test`.
# `--all-targets` in the build step also lints the benchmarks. Dependencies are not linted.
WITH_CLIPPY := RUSTC_WORKSPACE_WRAPPER=clippy-driver CLIPPY_ARGS=-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__

## screenshot: drive the real app under Xvfb and save target/screenshots/*.png.
screenshot: deps ui
	$(XVFB) cargo test -p neglect-toolkit-app --locked
	@ls target/screenshots

deps: system-packages rust tauri-driver ui/node_modules/.installed

system-packages:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages: $$missing"; \
		$(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi
	@command -v node >/dev/null || { echo "Installing Node.js"; DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends nodejs npm; }
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("Node.js 20.19 or newer is needed (found "+process.version+")"); process.exit(1) }'

rust:
	@command -v cargo >/dev/null || { echo "Installing Rust with rustup"; curl -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal; }
	@cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
	@cargo clippy --version >/dev/null 2>&1 || rustup component add clippy

tauri-driver:
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --version $(TAURI_DRIVER_VERSION)

# `npm install` from the lock file, not `npm ci`: the registry reachable here only carries this
# platform's optional binaries (esbuild, rollup, the Tauri CLI), so the lock cannot list the
# others and `npm ci` would refuse it as out of sync. Versions still come from the lock file.
ui/node_modules/.installed: ui/package.json ui/package-lock.json
	cd ui && npm install --no-audit --no-fund
	touch $@

## ui: build the web UI into ui/dist (embedded into the app by cargo build).
ui: ui/node_modules/.installed
	cd ui && npm run build

app: ui
	cargo build -p neglect-toolkit-app --locked

## release: the optimised app and its Debian package, target/release/bundle/deb/*.deb, built
## with the Tauri CLI from ui/node_modules (tauri.conf.json has no beforeBuildCommand: the UI
## is built first here). The package's version is the Cargo workspace version.
## The package also carries `ntk` (backup, restore, export, ... for IT teams) as /usr/bin/ntk.
TARGET_DIR = $(abspath $(or $(CARGO_TARGET_DIR),target))
DEB_DIR = $(TARGET_DIR)/release/bundle/deb
DEB_EXTRA_FILES = {"bundle":{"linux":{"deb":{"files":{"/usr/bin/ntk":"$(TARGET_DIR)/release/ntk"}}}}}
release: deps ui
	rm -f $(DEB_DIR)/*.deb
	cargo build --release --locked -p neglect-toolkit --bin ntk
	cd src-tauri && ../ui/node_modules/.bin/tauri build --ci --bundles deb --config '$(DEB_EXTRA_FILES)' -- --locked
	@ls -l $(DEB_DIR)/*.deb

## windows: cross-build the app and ntk.exe for 64-bit Windows (x86_64-pc-windows-gnu, MinGW-w64)
## and make the installer, target-windows/Neglect Toolkit_VERSION_x64-setup.exe, with makensis from
## installer/windows/neglect-toolkit.nsi (see README, "For IT teams": why not the Tauri bundler).
## Its own target folder, so the Linux build's cache is never invalidated. Niced: it is long.
WINDOWS_TARGET := x86_64-pc-windows-gnu
WINDOWS_TARGET_DIR := $(abspath target-windows)
WINDOWS_RELEASE := $(WINDOWS_TARGET_DIR)/$(WINDOWS_TARGET)/release
WINDOWS_CARGO := CARGO_TARGET_DIR=$(WINDOWS_TARGET_DIR) nice -n 10 cargo
VERSION = $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
WINDOWS_SETUP = $(WINDOWS_TARGET_DIR)/Neglect Toolkit_$(VERSION)_x64-setup.exe
windows-deps: system-packages rust
	@missing=$$(for p in $(WINDOWS_APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages: $$missing"; \
		$(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi
	@rustup target list --installed | grep -qx $(WINDOWS_TARGET) || rustup target add $(WINDOWS_TARGET)

windows: windows-deps ui
	$(WINDOWS_CARGO) build --release --locked --target $(WINDOWS_TARGET) -p neglect-toolkit --bin ntk
	@# tauri.windows.conf.json names ntk as an external binary: tauri-build wants it under its triple.
	mkdir -p src-tauri/binaries && cp $(WINDOWS_RELEASE)/ntk.exe src-tauri/binaries/ntk-$(WINDOWS_TARGET).exe
	$(WINDOWS_CARGO) build --release --locked --target $(WINDOWS_TARGET) -p neglect-toolkit-app --features tauri/custom-protocol
	rm -f "$(WINDOWS_SETUP)"
	makensis -V2 -DVERSION=$(VERSION) -DRELEASE_DIR=$(WINDOWS_RELEASE) -DLICENSE_FILE=$(abspath LICENSE) \
		-DICON=$(abspath icons/icon.ico) "-DOUT_FILE=$(WINDOWS_SETUP)" installer/windows/neglect-toolkit.nsi
	@ls -l "$(WINDOWS_SETUP)"

## test-windows: the core's tests built for Windows and run under Wine, then the installer run
## silently under Wine and the installed ntk.exe run (the desktop window needs WebView2, which
## Wine lacks). Also run by `RELEASE_TEST=1 make test`.
test-windows: windows
	$(WINDOWS_CARGO) test --release --locked --target $(WINDOWS_TARGET) -p neglect-toolkit --no-run
	WINDOWS_TARGET_DIR=$(WINDOWS_TARGET_DIR) WINDOWS_SETUP="$(WINDOWS_SETUP)" bash scripts/windows-test.sh

clean:
	rm -rf target target-windows ui/dist ui/node_modules
