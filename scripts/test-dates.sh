#!/usr/bin/env bash
# The core's unit and integration tests and the UI's unit tests again, with the clock set (libfaketime) to days that have
# caught date arithmetic out: a Sunday late in the evening (working days and the day's end; the
# "awaiting manager review" list once missed checklists finalised at a weekend, which only a test
# run on a Sunday showed), the last day of a month (a month before 31 March) and 29 February.
# Tests read the real clock through `chrono::Local`, so each day is a real run, not a mocked one.
# Run by `make test`; with DAYS="YYYY-MM-DD HH:MM:SS;..." to try others.
set -euo pipefail
cd "$(dirname "$0")/.."
IFS=';' read -r -a days <<<"${DAYS:-2027-01-03 23:30:00;2027-03-31 12:00:00;2028-02-29 12:00:00}"
# The test programs `cargo test` has built, run directly: cargo itself is not run under a clock
# that disagrees with its files' times. What cargo would set for them (.cargo/config.toml) is set
# here: without it the TypeScript bindings the unit tests write land in ./bindings.
export TS_RS_EXPORT_DIR="$PWD/ui/src/bindings"
# Asked of the whole workspace, as `make test` builds it: asked of the core alone, cargo unifies
# the dependencies' features differently and builds them all again (minutes of a cold run).
mapfile -t programs < <(cargo test --locked --workspace --all-targets --no-run --message-format=json |
  python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["profile"]["test"] \
            and (m["target"]["name"], m["target"]["kind"]) in (("ntk_core", ["lib"]), ("integration", ["test"])):
        print(m["executable"])')
[ "${#programs[@]}" = 2 ] || { echo "expected the core's two test programs, found: ${programs[*]}" >&2; exit 1; }
for day in "${days[@]}"; do
  for program in "${programs[@]}"; do
    echo "the core's tests ($(basename "$program")) as if it were $day:"
    faketime "$day" "$program" -q
  done
  echo "the UI's unit tests as if it were $day:"
  (cd ui && faketime "$day" npx vitest run)
done
