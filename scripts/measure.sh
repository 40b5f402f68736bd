#!/usr/bin/env bash
# Startup and footprint of the release app, on invented records (2,000 children x 8 checklists):
# time from launch to the unlock screen and from unlock to the home list (through WebDriver),
# release binary size, resident memory of the app and its web processes after opening a
# child's history, and how the window answers while the partnership dataset is made over every
# child. Usage: bash scripts/measure.sh   (needs what `make test` installs)
#   CHILDREN=N bash scripts/measure.sh          generate N children instead of 2,000
#   DB=FILE PASSPHRASE_FILE=F bash scripts/measure.sh   measure a copy of an existing records file whose
#       passphrase is the first line of F, e.g. the benchmark's target/bench-data/scale-10000x8.db
#       (passphrase "benchmark passphrase"). Never a passphrase on the command line: others see it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
make ui >/dev/null
cargo build --release --locked -p neglect-toolkit-app -p neglect-toolkit
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
  # The invented records' passphrase goes through a descriptor, as the README recommends.
  ./target/release/ntk demo --data-dir "$data" --passphrase-fd 3 --children "${CHILDREN:-2000}" --per-child 8 --seed 7 \
    3<<<"correct horse battery"
fi
echo "release binary: $(du -h target/release/neglect-toolkit | cut -f1) ($(stat -c %s target/release/neglect-toolkit) bytes)"
echo "records file: $(du -h "$data/neglect-toolkit.db" | cut -f1)"
NTK_APP_BINARY="$PWD/target/release/neglect-toolkit" NTK_MEASURE_DATA_DIR="$data" \
  xvfb-run -a -s "-screen 0 1280x900x24" \
  cargo test --release --locked -p neglect-toolkit-app --test measure -- --ignored --nocapture 2>&1 | grep MEASURE
