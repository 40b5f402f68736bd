#!/usr/bin/env bash
# Startup and footprint of the release app, on invented records (2,000 children x 8 checklists):
# time from launch to the unlock screen and from unlock to the home list (through WebDriver),
# release binary size, resident memory of the app and its web processes after opening a
# child's history, and how the window answers while the partnership dataset is made over every
# child. Usage: bash scripts/measure.sh [--floor]   (needs what `make test` installs)
#   --floor                                      also measure the floor, a blank Tauri window on the
#       same tauri and WebKitGTK (src-tauri/examples/floor), launched in turn with the app in each
#       run, and print the app's figures against it: "MEASURE ratio memory" and "MEASURE ratio launch"
#   RUNS=N                                       launch N times (5 with --floor, else 1); medians
#   WEBKIT_SKIA_ENABLE_CPU_RENDERING=1           the floor paints on the CPU too, as the app does
#       (src-tauri/src/painting.rs; the app keeps the value it finds), to compare like with like
#   CHILDREN=N bash scripts/measure.sh          generate N children instead of 2,000
#   PER_CHILD=N                                  N finalised checklists each instead of 8
#   DB=FILE PASSPHRASE_FILE=F bash scripts/measure.sh   measure a copy of an existing records file whose
#       passphrase is the first line of F, e.g. the benchmark's target/bench-data/scale-10000x8-50events.db
#       (passphrase "benchmark passphrase"). Never a passphrase on the command line: others see it.
set -euo pipefail
floor=0
for arg in "$@"; do
  case "$arg" in
    --floor) floor=1 ;;
    *) echo "usage: bash scripts/measure.sh [--floor]" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
make ui >/dev/null
echo "UI bundle: $(du -cb ui/dist/assets/* | tail -1 | cut -f1) bytes ($(cat ui/dist/assets/*.js | gzip -9 | wc -c) bytes of script gzipped)"
# What ships is measured: release builds compile OpenSSL from source, as `make release` does.
# The floor (floor/, never shipped) in the same build, so it shares the app's compiled tauri.
OPENSSL_NO_VENDOR=0 cargo build --release --locked -p neglect-toolkit -p neglect-toolkit-app -p neglect-toolkit-floor
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
if [ -n "${DB:-}" ]; then
  : "${PASSPHRASE_FILE:?PASSPHRASE_FILE: a file whose first line is the passphrase of $DB}"
  cp "$DB" "$data/neglect-toolkit.db"
  [ ! -e "$DB-wal" ] || cp "$DB-wal" "$data/neglect-toolkit.db-wal"
  # Typed into the app by the measuring test (through WebDriver), so it travels in its environment.
  NTK_MEASURE_PASSPHRASE="$(head -n 1 "$PASSPHRASE_FILE")"
  export NTK_MEASURE_PASSPHRASE
else
  # Invented records are made once per size and kept in target/measure-data/ (10,000 children
  # take many minutes to make); each measurement works on a fresh copy.
  demo="target/measure-data/demo-${CHILDREN:-2000}x${PER_CHILD:-8}"
  if [ ! -e "$demo/done" ]; then
    rm -rf "$demo" && mkdir -p "$demo"
    # The invented records' passphrase goes through a descriptor, as the README recommends.
    ./target/release/ntk demo --data-dir "$demo" --passphrase-fd 3 --children "${CHILDREN:-2000}" \
      --per-child "${PER_CHILD:-8}" --seed 7 3<<<"correct horse battery"
    touch "$demo/done"
  fi
  cp "$demo"/neglect-toolkit.db* "$data"/
fi
echo "release binary: $(du -h target/release/neglect-toolkit | cut -f1) ($(stat -c %s target/release/neglect-toolkit) bytes)"
echo "records file: $(du -h "$data/neglect-toolkit.db" | cut -f1)"
if [ "$floor" = 1 ]; then
  NTK_FLOOR_BINARY="$PWD/target/release/floor"
  export NTK_FLOOR_BINARY
fi
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
# The measuring test drives the release programs through WebDriver; the test itself is built as
# `make test` builds it (debug, Debian's OpenSSL, clippy as the wrapper), so it is usually built.
WITH_CLIPPY="RUSTC_WORKSPACE_WRAPPER=clippy-driver CLIPPY_ARGS=-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
NTK_MEASURE_RUNS="${RUNS:-$([ "$floor" = 1 ] && echo 5 || echo 1)}" \
NTK_APP_BINARY="$PWD/target/release/neglect-toolkit" NTK_MEASURE_DATA_DIR="$data" \
  xvfb-run -a -s "-screen 0 1280x900x24" \
  env OPENSSL_NO_VENDOR=1 $WITH_CLIPPY cargo test --locked -p neglect-toolkit-app --test measure -- --ignored --nocapture 2>&1 \
  | grep MEASURE
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
