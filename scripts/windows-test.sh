#!/usr/bin/env bash
# `make test-windows`, after `make windows` and the core's test build for x86_64-pc-windows-gnu:
#  1. runs every core test executable under Wine and prints how many tests ran;
#  2. installs the setup exe silently (/S) under Wine, runs the installed ntk.exe, removes it.
#
# Wine 8.0 lacks bcryptprimitives.dll (Rust's standard library calls its ProcessPrng at start-up),
# so a stand-in built from tests/windows/bcryptprimitives.c is put into the test prefix's
# system32: never beside the shipped files, never in the installer.
#
# The desktop window itself is not run: it needs Microsoft's WebView2 runtime, which Wine has not.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TRIPLE=x86_64-pc-windows-gnu
TARGET_DIR=${WINDOWS_TARGET_DIR:-$ROOT/target-windows}
RELEASE=$TARGET_DIR/$TRIPLE/release
SETUP=${WINDOWS_SETUP:?WINDOWS_SETUP names the installer to test}
WINE=${WINE:-/usr/lib/wine/wine64}
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -1)
WORK=$TARGET_DIR/wine-test

say() { printf 'windows-test: %s\n' "$*"; }
fail() { printf 'windows-test: FAILED: %s\n' "$*" >&2; exit 1; }

[ -x "$WINE" ] || fail "$WINE not found (make windows-deps installs wine64)"

# A fresh Wine prefix each run: nothing from an earlier run can make this one pass.
rm -rf "$WORK"
mkdir -p "$WORK"
export WINEPREFIX=$WORK/prefix WINEDEBUG=-all WINEARCH=win64
# No Mono or Gecko install prompts: nothing here needs .NET or a browser engine.
export WINEDLLOVERRIDES="mscoree,mshtml="
"$WINE" wineboot --init >"$WORK/wineboot.log" 2>&1 || fail "wineboot could not make a prefix (see $WORK/wineboot.log)"
SYSTEM32=$WINEPREFIX/drive_c/windows/system32
x86_64-w64-mingw32-gcc -shared -O2 -o "$SYSTEM32/bcryptprimitives.dll" "$ROOT/tests/windows/bcryptprimitives.c" -ladvapi32 ||
    fail "the bcryptprimitives stand-in did not build"

# 1. The core's tests. Cargo names the test executables it built (a no-op build by now): every
# artifact built as a test (unit tests, each integration test file or one merged test binary),
# never `ntk.exe` itself, which cargo also reports as an executable.
mapfile -t TESTS < <(cd "$ROOT" && CARGO_TARGET_DIR=$TARGET_DIR cargo test --release --locked --target $TRIPLE \
    -p neglect-toolkit --no-run --message-format=json 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    try:
        message = json.loads(line)
    except ValueError:
        continue
    if message.get("reason") == "compiler-artifact" and message["profile"]["test"] and message.get("executable"):
        print(message["executable"])' | sort -u)
[ "${#TESTS[@]}" -gt 0 ] || fail "cargo named no test executables"
passed=0 failed=0 ignored=0
for exe in "${TESTS[@]}"; do
    name=$(basename "$exe")
    log=$WORK/${name%.exe}.log
    status=0
    # ts-rs tests write TypeScript bindings; under Wine they must not land in the repository.
    (cd "$ROOT" && TS_RS_EXPORT_DIR=$WORK/bindings "$WINE" "$exe" --test-threads=2) >"$log" 2>&1 || status=$?
    summary=$(grep -a '^test result:' "$log" | tail -1 || true)
    [ -n "$summary" ] || { tail -30 "$log" >&2; fail "$name printed no test result (exit $status)"; }
    p=$(sed -n 's/.* \([0-9]*\) passed.*/\1/p' <<<"$summary")
    f=$(sed -n 's/.* \([0-9]*\) failed.*/\1/p' <<<"$summary")
    i=$(sed -n 's/.* \([0-9]*\) ignored.*/\1/p' <<<"$summary")
    passed=$((passed + p)) failed=$((failed + f)) ignored=$((ignored + i))
    say "$name: $p passed, $f failed, $i ignored"
    if [ "$status" != 0 ] || [ "$f" != 0 ]; then
        grep -a -E '^(---- |thread .* panicked|failures:)' "$log" >&2 || true
        tail -40 "$log" >&2
        fail "$name failed under Wine (log: $log)"
    fi
done
say "core tests under Wine: $passed passed, $failed failed, $ignored ignored, in ${#TESTS[@]} test executables"

# 2. The installer, as IT would run it: silently, per machine.
[ -f "$SETUP" ] || fail "no installer at $SETUP (make windows makes it)"
"$WINE" "$SETUP" /S >"$WORK/setup.log" 2>&1 || fail "setup.exe /S failed (see $WORK/setup.log)"
INSTALLED="$WINEPREFIX/drive_c/Program Files/Neglect Toolkit"
for file in neglect-toolkit.exe ntk.exe WebView2Loader.dll LICENSE.txt uninstall.exe; do
    [ -f "$INSTALLED/$file" ] || fail "the installer did not install $file"
done
[ ! -e "$INSTALLED/bcryptprimitives.dll" ] || fail "the test-only stand-in DLL was installed"
say "ok: setup.exe /S installed into C:\\Program Files\\Neglect Toolkit: $(cd "$INSTALLED" && ls | tr '\n' ' ')"

NTK='C:\Program Files\Neglect Toolkit\ntk.exe'
version=$("$WINE" "$NTK" --version 2>"$WORK/ntk.err" | tr -d '\r') || fail "ntk.exe --version failed: $(cat "$WORK/ntk.err")"
[ "$version" = "ntk $VERSION" ] || fail "ntk.exe --version printed \"$version\", not \"ntk $VERSION\""
say "ok: installed ntk.exe --version: $version"
checklist=$("$WINE" "$NTK" checklist show 2>"$WORK/ntk.err" | tr -d '\r') || fail "ntk.exe checklist show failed: $(cat "$WORK/ntk.err")"
items=$(grep -c . <<<"$checklist")
[ "$items" -gt 20 ] || fail "ntk.exe checklist show printed only $items lines"
say "ok: installed ntk.exe checklist show: $items lines, starting \"$(head -1 <<<"$checklist")\""

"$WINE" "$INSTALLED/uninstall.exe" /S >"$WORK/uninstall.log" 2>&1 || fail "uninstall.exe /S failed"
# The NSIS uninstaller copies itself to a temporary folder and returns at once: wait for it.
for _ in $(seq 100); do [ -e "$INSTALLED/ntk.exe" ] || break; sleep 0.2; done
[ ! -e "$INSTALLED/ntk.exe" ] || fail "uninstall.exe /S left ntk.exe behind"
say "ok: uninstall.exe /S removed the program"
say "all Windows checks passed"
