#!/usr/bin/env bash
# Release test: installs the .deb that `make release` built, as an IT team would, checks what it
# put on the machine, launches the INSTALLED app under Xvfb on a fresh data folder (once plainly,
# as the desktop entry does, and once through tauri-driver to read the first screen and create
# the encrypted database), then removes the package and checks the user's data is left alone.
#
#   make release && bash scripts/release-test.sh     (or: RELEASE_TEST=1 make test)
#
# Needs root or sudo: it installs and removes the package system-wide, so run it on a build or
# test machine where neglect-toolkit is not installed, never on a practitioner's computer.
# Screenshots of the first screen are left in target/release-test/ for people to look at.
set -euo pipefail

PKG=neglect-toolkit
BIN=/usr/bin/neglect-toolkit
NTK=/usr/bin/ntk
FIRST_H1="Set up Neglect Toolkit"
PASSPHRASE="release test passphrase"
WAIT=30   # seconds allowed for each thing the app has to do
SCREEN="-screen 0 1280x900x24"
IMPORT=/usr/bin/import
CONVERT=/usr/bin/convert
TAURI_DRIVER=${TAURI_DRIVER:-$HOME/.cargo/bin/tauri-driver}
[ -x "$TAURI_DRIVER" ] || TAURI_DRIVER=$(command -v tauri-driver || true)

SELF=$(realpath "${BASH_SOURCE[0]}")
ROOT=$(cd "$(dirname "$SELF")/.." && pwd)
SHOTS=$ROOT/target/release-test

say() { echo "release-test: $*"; }
fail() {
    echo "release-test: FAILED: $*" >&2
    exit 1
}

# ---------------------------------------------------------------------------------------------
# Part run inside xvfb-run: bash release-test.sh --launch-checks WORKDIR
# ---------------------------------------------------------------------------------------------

APP_PID=""
TD_PID=""
stop_pid() { # SIGTERM, then SIGKILL after 10 s; only processes this script started
    local pid=$1
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || true
}

free_port() {
    local p
    while :; do
        p=$((20000 + RANDOM % 40000))
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
    done
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The standard deviation of a PNG's pixels (0 = one flat colour).
spread() { "$CONVERT" "$1" -format '%[fx:standard_deviation]' info: 2>/dev/null || echo 0; }
not_flat() { awk -v s="$1" 'BEGIN { exit !(s > 0.01) }'; }

# WebDriver over curl: wd METHOD PATH [JSON]
wd() {
    local method=$1 path=$2 body=${3:-}
    if [ -n "$body" ]; then
        curl -s --max-time 60 -X "$method" -H 'Content-Type: application/json' -d "$body" "$WD$path"
    else
        curl -s --max-time 60 -X "$method" "$WD$path"
    fi
}
json_string() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }     # first "KEY":"value"
element() { # CSS selector -> element id ("" when there is none)
    wd POST "/session/$SID/element" "{\"using\":\"css selector\",\"value\":\"$1\"}" \
        | json_string 'element-6066-11e4-a52e-4f735466cecf'
}
text_of() { # CSS selector -> its text ("" when there is none)
    local el
    el=$(element "$1") || return 0
    [ -n "$el" ] || return 0
    wd GET "/session/$SID/element/$el/text" | sed -n 's/^{"value":"\(.*\)"}$/\1/p'
}
wait_for_h1() {
    local want=$1 got=""
    for _ in $(seq $((WAIT * 4))); do
        got=$(text_of h1) || got=""
        [ "$got" = "$want" ] && return 0
        sleep 0.25
    done
    "$IMPORT" -window root "$SHOTS/failure.png" 2>/dev/null || true
    fail "the installed app's heading never became \"$want\" (last: \"$got\")"
}

launch_plain() { # as the desktop entry launches it: its Exec line, on a fresh data folder
    local data=$WORK/data-plain exec_line shot
    mkdir -p "$data"
    exec_line=$(sed -n 's/^Exec=//p' "$DESKTOP_FILE" | head -1)
    [ "$(command -v "${exec_line%% *}")" = "$BIN" ] || fail "the desktop entry's Exec ($exec_line) does not resolve to $BIN"
    say "launching the installed app ($exec_line) with NTK_DATA_DIR=$data"
    env HOME="$WORK/home" NTK_DATA_DIR="$data" $exec_line >"$WORK/app-plain.log" 2>&1 &
    APP_PID=$!
    for _ in $(seq $((WAIT * 10))); do
        grep -qx ready "$data/neglect-toolkit.lock" 2>/dev/null && break
        kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app-plain.log" >&2; fail "the installed app exited at start (above is what it printed)"; }
        sleep 0.1
    done
    grep -qx ready "$data/neglect-toolkit.lock" 2>/dev/null || fail "the installed app did not hold $data/neglect-toolkit.lock (ready) within ${WAIT}s"
    say "ok: the app is running and holds its data folder's lock"

    # Wait until the window shows more than one flat colour (the page has painted).
    shot=$SHOTS/first-screen-window.png
    local s=0
    for _ in $(seq $((WAIT * 2))); do
        if "$IMPORT" -window "Neglect Toolkit" "$shot" 2>/dev/null; then
            s=$(spread "$shot")
            not_flat "$s" && break
        fi
        sleep 0.5
    done
    "$IMPORT" -window root "$SHOTS/first-screen-root.png" || fail "could not take a screenshot of the Xvfb screen"
    not_flat "$s" || fail "the app's window stayed one flat colour for ${WAIT}s (std dev $s): see $shot"
    say "ok: the window painted its first screen (pixel std dev $s): $shot"

    # A second launch on the same folder hands over to the first and exits.
    local out
    out=$(env HOME="$WORK/home" NTK_DATA_DIR="$data" timeout "$WAIT" "$BIN" 2>&1) \
        || fail "a second launch on the same data folder did not exit cleanly: $out"
    case $out in *"already open"*) ;; *) fail "a second launch did not hand over to the running app: $out" ;; esac
    say "ok: a second launch hands over to the running app"
    stop_pid "$APP_PID"
    APP_PID=""
}

launch_webdriver() { # through tauri-driver: read the first screen, create the encrypted database
    local data=$WORK/data-webdriver port native body resp
    mkdir -p "$data"
    [ -n "$TAURI_DRIVER" ] && [ -x "$TAURI_DRIVER" ] || fail "tauri-driver is missing (make deps installs it)"
    port=$(free_port)
    native=$(free_port)
    while [ "$native" = "$port" ]; do native=$(free_port); done
    say "driving the installed app through tauri-driver on port $port"
    env HOME="$WORK/home" NTK_DATA_DIR="$data" "$TAURI_DRIVER" --port "$port" --native-port "$native" \
        >"$WORK/tauri-driver.log" 2>&1 &
    TD_PID=$!
    for _ in $(seq $((WAIT * 10))); do
        listening "$port" && listening "$native" && break
        kill -0 "$TD_PID" 2>/dev/null || { cat "$WORK/tauri-driver.log" >&2; fail "tauri-driver exited at start"; }
        sleep 0.1
    done
    listening "$port" && listening "$native" || fail "tauri-driver / WebKitWebDriver did not listen within ${WAIT}s"
    WD=http://127.0.0.1:$port

    body="{\"capabilities\":{\"alwaysMatch\":{\"tauri:options\":{\"application\":\"$BIN\"}}}}"
    SID=""
    for attempt in 1 2 3 4; do
        resp=$(wd POST /session "$body" || true)
        SID=$(printf '%s' "$resp" | json_string sessionId)
        [ -n "$SID" ] && break
        say "WebDriver session attempt $attempt failed: ${resp:-no answer}"
        sleep "$attempt"
    done
    [ -n "$SID" ] || fail "no WebDriver session with the installed app"

    wait_for_h1 "$FIRST_H1"
    say "ok: the first screen's heading is \"$FIRST_H1\""
    local title
    title=$(wd GET "/session/$SID/title" | json_string value) || title=""
    [ "$title" = "Neglect Toolkit" ] || fail "the window title is \"$title\", not \"Neglect Toolkit\""
    wd GET "/session/$SID/screenshot" | json_string value | base64 -d >"$SHOTS/first-screen-webdriver.png" 2>/dev/null || true
    grep -qx ready "$data/neglect-toolkit.lock" || fail "the app did not hold $data/neglect-toolkit.lock"

    # Create the encrypted records, as a practitioner does on the first screen.
    local el
    for field in passphrase passphrase-confirm; do
        el=$(element "#$field") || el=""
        [ -n "$el" ] || fail "the first screen has no #$field field"
        wd POST "/session/$SID/element/$el/value" "{\"text\":\"$PASSPHRASE\"}" >/dev/null
    done
    el=$(element "form button[type=submit]") || el=""
    [ -n "$el" ] || fail "the first screen has no submit button"
    wd POST "/session/$SID/element/$el/click" '{}' >/dev/null
    wait_for_h1 "Children"
    wd GET "/session/$SID/screenshot" | json_string value | base64 -d >"$SHOTS/children-webdriver.png" 2>/dev/null || true
    [ -s "$data/neglect-toolkit.db" ] || fail "setting up did not create $data/neglect-toolkit.db"
    if head -c 16 "$data/neglect-toolkit.db" | grep -q "SQLite format 3"; then
        fail "$data/neglect-toolkit.db has a plain SQLite header: it is not encrypted"
    fi
    say "ok: setting up created an encrypted database in the data folder and opened the Children screen"

    wd DELETE "/session/$SID" >/dev/null || true
    stop_pid "$TD_PID"
    TD_PID=""
}

if [ "${1:-}" = --launch-checks ]; then
    WORK=$2
    DESKTOP_FILE=$3
    trap 'stop_pid "$APP_PID"; stop_pid "$TD_PID"' EXIT
    [ -n "${DISPLAY:-}" ] || fail "no display (this part runs under xvfb-run)"
    launch_plain
    launch_webdriver
    exit 0
fi

# ---------------------------------------------------------------------------------------------
# Main part: install, check, launch (under xvfb-run), remove, check.
# ---------------------------------------------------------------------------------------------

SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
for tool in dpkg-deb apt-get xvfb-run curl file base64 "$IMPORT" "$CONVERT"; do
    command -v "$tool" >/dev/null || fail "$tool is missing (make deps installs what this test needs)"
done

cd "$ROOT"
shopt -s nullglob
DEB_DIR=${CARGO_TARGET_DIR:-target}/release/bundle/deb
debs=("$DEB_DIR"/*.deb)
shopt -u nullglob
[ ${#debs[@]} -gt 0 ] || fail "no .deb in $DEB_DIR/: run make release first"
[ ${#debs[@]} -eq 1 ] || fail "more than one .deb in $DEB_DIR/ (${debs[*]}): run make release again"
DEB=$(realpath "${debs[0]}")

version=$(sed -n '/^\[workspace.package\]/,/^\[/ s/^version *= *"\(.*\)"/\1/p' Cargo.toml)
[ "$(dpkg-deb -f "$DEB" Package)" = "$PKG" ] || fail "the .deb's package is \"$(dpkg-deb -f "$DEB" Package)\", not $PKG"
[ "$(dpkg-deb -f "$DEB" Version)" = "$version" ] || fail "the .deb's version is $(dpkg-deb -f "$DEB" Version), not Cargo's $version"
depends=$(dpkg-deb -f "$DEB" Depends)
for lib in libwebkit2gtk-4.1-0 libgtk-3-0; do
    case ", $depends," in *", $lib,"*) ;; *) fail "the .deb does not depend on $lib (Depends: $depends)" ;; esac
done
say "testing $(basename "$DEB") ($(stat -c %s "$DEB") bytes): $PKG $version, Depends: $depends"
# The blank window measure.sh compares the app with (floor/) is a measuring tool, never shipped.
if dpkg-deb -c "$DEB" | grep -q '/floor$'; then fail "the .deb carries the measuring floor: $(dpkg-deb -c "$DEB" | grep '/floor$')"; fi

if dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null | grep -q 'ok installed'; then
    fail "$PKG is already installed here; this test installs and removes it, so run it on a machine without it (or: apt-get remove $PKG)"
fi

WORK=$(mktemp -d /tmp/ntk-release-test.XXXXXX)
mkdir -p "$WORK/home" "$SHOTS"
rm -f "$SHOTS"/*.png
INSTALLED=0
cleanup() {
    local rc=$?
    if [ "$INSTALLED" = 1 ]; then
        say "removing $PKG after the failure"
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get remove -y "$PKG" >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
    exit $rc
}
trap cleanup EXIT

say "installing with apt-get"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$DEB" >"$WORK/install.log" 2>&1 \
    || { cat "$WORK/install.log" >&2; fail "apt-get install $DEB failed (above is its output)"; }
INSTALLED=1
dpkg-query -W -f='${Status} ${Version}' "$PKG" | grep -qx "install ok installed $version" \
    || fail "dpkg -s $PKG does not say version $version is installed: $(dpkg -s "$PKG" 2>&1 | head -3)"
say "ok: dpkg -s $PKG says installed, version $version"

[ -x "$BIN" ] || fail "$BIN is missing or not executable"
missing=$(ldd "$BIN" | grep 'not found' || true)
[ -z "$missing" ] || fail "$BIN cannot find libraries: $missing"
say "ok: $BIN is installed and finds all its libraries"

DESKTOP_FILE=$(dpkg -L "$PKG" | grep '^/usr/share/applications/.*\.desktop$' | head -1 || true)
[ -n "$DESKTOP_FILE" ] && [ -f "$DESKTOP_FILE" ] || fail "the package installed no desktop entry in /usr/share/applications"
for line in "Type=Application" "Name=Neglect Toolkit" "Exec=neglect-toolkit" "Icon=neglect-toolkit" "Terminal=false"; do
    grep -qx "$line" "$DESKTOP_FILE" || fail "$DESKTOP_FILE has no line \"$line\""
done
grep -q '^Comment=.' "$DESKTOP_FILE" || fail "$DESKTOP_FILE has no Comment"
grep -q '^Categories=.*;' "$DESKTOP_FILE" || fail "$DESKTOP_FILE has no Categories"
say "ok: desktop entry $DESKTOP_FILE"

for size in 32x32 128x128 512x512; do
    icon=/usr/share/icons/hicolor/$size/apps/neglect-toolkit.png
    [ -f "$icon" ] || fail "icon $icon is not installed"
    actual=$(file -b "$icon" | sed -n 's/^PNG image data, \([0-9]*\) x \([0-9]*\),.*/\1x\2/p')
    [ "$actual" = "$size" ] || fail "icon $icon is ${actual:-not a PNG}, expected $size"
done
say "ok: icons 32x32, 128x128 and 512x512 in /usr/share/icons/hicolor"

for doc in LICENSE LICENSE.DejaVu-fonts; do
    [ -s "/usr/share/doc/$PKG/$doc" ] || fail "/usr/share/doc/$PKG/$doc is not installed"
done
grep -q "MIT License" "/usr/share/doc/$PKG/LICENSE" || fail "/usr/share/doc/$PKG/LICENSE is not the MIT licence"
say "ok: licences in /usr/share/doc/$PKG/"

say "launching the installed app under xvfb-run"
xvfb-run -a -s "$SCREEN" bash "$SELF" --launch-checks "$WORK" "$DESKTOP_FILE" \
    || fail "the installed app did not reach its first screen (see above)"

# The override was honoured: nothing at all in the default folder (WebKit's own files too
# follow the data folder, into its webview/ folder).
[ ! -e "$WORK/home/.local/share/org.neglecttoolkit.desktop" ] \
    || fail "the app wrote in the default folder although NTK_DATA_DIR was set: $(ls -A "$WORK/home/.local/share/org.neglecttoolkit.desktop")"
[ -d "$WORK/data-webdriver/webview" ] || fail "WebKit's files are not in the data folder's webview/ folder"

# The command line for IT teams is installed and opens the records the app created.
[ -x "$NTK" ] || fail "$NTK is missing or not executable"
"$NTK" backup --data-dir "$WORK/data-webdriver" --passphrase-fd 3 --out "$WORK/backup.db" 3<<<"$PASSPHRASE" >"$WORK/ntk.log" 2>&1 \
    || { cat "$WORK/ntk.log" >&2; fail "$NTK backup failed on the records the app created (above is its output)"; }
[ -s "$WORK/backup.db" ] || fail "$NTK backup wrote no backup"
say "ok: $NTK is installed and made a verified backup of the app's records"
say "what the app wrote in a fresh HOME (besides NTK_DATA_DIR):"
(cd "$WORK/home" && find . -mindepth 1 -type f -printf '    ~/%P\n' | sort)

# Removal: the program goes, the user's data stays.
echo "a practitioner's file" >"$WORK/data-webdriver/marker.txt"
say "removing with apt-get remove"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get remove -y "$PKG" >"$WORK/remove.log" 2>&1 \
    || { cat "$WORK/remove.log" >&2; fail "apt-get remove $PKG failed (above is its output)"; }
INSTALLED=0
if dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null | grep -q 'ok installed'; then
    fail "dpkg still lists $PKG as installed after apt-get remove"
fi
[ ! -e "$BIN" ] || fail "$BIN is still there after apt-get remove"
[ ! -e "$NTK" ] || fail "$NTK is still there after apt-get remove"
[ ! -e "$DESKTOP_FILE" ] || fail "$DESKTOP_FILE is still there after apt-get remove"
[ ! -e /usr/share/icons/hicolor/128x128/apps/neglect-toolkit.png ] || fail "the icons are still there after apt-get remove"
say "ok: the program, ntk, its desktop entry and icons are gone"
[ "$(cat "$WORK/data-webdriver/marker.txt" 2>/dev/null)" = "a practitioner's file" ] \
    || fail "apt-get remove touched the user's data folder: the marker file is gone"
[ -s "$WORK/data-webdriver/neglect-toolkit.db" ] || fail "apt-get remove touched the user's data folder: the database is gone"
say "ok: the data folder (database and marker file) is left alone"

say "PASSED: $(basename "$DEB") installs, starts on a fresh data folder, and removes cleanly; screenshots in target/release-test/"
