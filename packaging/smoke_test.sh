#!/usr/bin/env bash
# Smoke test of Hanlin's offline installers, with the network disabled (`unshare -n`).
#
#   smoke_test.sh --wheelhouse DIR   install.sh into a fresh venv from DIR, then check that
#                                    `hanlin --help` lists every sub-command (built-in and the
#                                    `hanlin.commands` entry points), index the demo library,
#                                    search it, and start the GUI off-screen
#   smoke_test.sh --frozen DIR       the same with the PyInstaller build in DIR
#   --demo DIR      the demo PDFs (default: desktop/resources/demo of this repository)
#   --cli-only      the wheelhouse was built with --cli-only: no GUI check
#   --keep          keep the scratch folder
#
# Every command runs in an empty environment (env -i: HOME, caches, settings and the app's data
# in a scratch folder; PIP_CONFIG_FILE=/dev/null) inside a network namespace with no interface.
# Run as root (unshare -n) or where user namespaces are allowed (unshare -rn).
set -euo pipefail
{ # read whole before it runs: safe to edit during a test

HERE=$(cd "$(dirname "$0")" && pwd)
WHEELHOUSE="" FROZEN="" DEMO=$HERE/../desktop/resources/demo CLI_ONLY=0 KEEP=0
while [ $# -gt 0 ]; do
    case $1 in
        --wheelhouse) WHEELHOUSE=$(cd "$2" && pwd); shift 2 ;;
        --frozen) FROZEN=$(cd "$2" && pwd); shift 2 ;;
        --demo) DEMO=$2; shift 2 ;;
        --cli-only) CLI_ONLY=1; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "smoke_test.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
DEMO=$(cd "$DEMO" && pwd)
PY=$("${PYTHON:-python3.11}" -c 'import sys; print(sys.executable)')
QUERY=科技
GUI_SECONDS=${GUI_SECONDS:-90}

T=$(mktemp -d /tmp/hanlin-smoke.XXXXXX)
cleanup() { [ $KEEP = 1 ] && echo "scratch folder kept: $T" || rm -rf "$T"; }
trap cleanup EXIT
mkdir -p "$T/home"

FAILED=0
pass() { printf '  PASS  %-58s %4ss\n' "$1" $((SECONDS - T0)); }
fail() { printf '  FAIL  %-58s %4ss\n' "$1" $((SECONDS - T0)); FAILED=1; [ -z "${2:-}" ] || sed 's/^/        | /' "$2" | tail -25; }

# ---------------------------------------------------------------- no network

if unshare -n true 2>/dev/null; then
    OFFLINE=(unshare -n)
elif unshare -rn true 2>/dev/null; then
    OFFLINE=(unshare -rn)
else
    echo "smoke_test.sh: cannot make a network namespace (unshare -n needs root or user namespaces)" >&2
    exit 2
fi

# The whole environment of every command: nothing of this machine's (pip.conf, caches, settings).
ENVV=(PATH=/usr/local/bin:/usr/bin:/bin HOME="$T/home" LANG=C.UTF-8 LC_ALL=C.UTF-8
      XDG_CONFIG_HOME="$T/home/.config" XDG_CACHE_HOME="$T/home/.cache" XDG_DATA_HOME="$T/home/.local/share"
      PIP_CONFIG_FILE=/dev/null PIP_NO_INPUT=1 PIP_DISABLE_PIP_VERSION_CHECK=1 QT_QPA_PLATFORM=offscreen)

# run [VAR=VALUE ...] CMD ...: in that environment, offline
run() { "${OFFLINE[@]}" env -i "${ENVV[@]}" "$@"; }

echo "Smoke test (network off: ${OFFLINE[*]}; scratch $T)"
T0=$SECONDS
if run "$PY" -c 'import socket; socket.create_connection(("1.1.1.1", 443), timeout=3)' >"$T/net.log" 2>&1; then
    fail "the network is really off" "$T/net.log"
    exit 1
fi
pass "the network is really off ($(tail -1 "$T/net.log" | sed 's/.*Error: //'))"

# ---------------------------------------------------------------- checks

# check_search LABEL HANLIN LIBRARY: hanlin search --json finds a demo document
check_search() {
    local label=$1 hanlin=$2 library=$3 out=$T/search-$RANDOM.json
    T0=$SECONDS
    if run "$hanlin" search "$QUERY" --library "$library" --json >"$out" 2>"$out.err" \
        && "$PY" - "$out" "$DEMO" >"$out.check" 2>&1 <<'PYEOF'
import json, os, sys
result = json.load(open(sys.argv[1], encoding="utf-8"))
demo = set(os.listdir(sys.argv[2]))
hits = result["hits"]
assert result["total"] > 0 and hits, f"no hits: {result}"
assert os.path.basename(hits[0]["file"]) in demo, f"first hit not a demo file: {hits[0]['file']}"
print(f'{result["total"]} hits, first: {hits[0]["doc_title"]} p.{hits[0]["page"]}')
PYEOF
    then
        pass "$label: search $QUERY --json: $(cat "$out.check")"
    else
        cat "$out.check" >>"$out.err" 2>/dev/null || true
        fail "$label: search $QUERY --json" "$out.err"
    fi
}

# The sub-commands every build has (indexer/cli/__init__.py: COMMAND_MODULES).
BUILTIN_COMMANDS="extract index search status bundle keys"

# check_commands LABEL HANLIN ENTRY_POINTS_TXT: `hanlin --help` lists the built-in sub-commands and
# every `hanlin.commands` entry point the installed distribution declares (its entry_points.txt),
# and `hanlin NAME --help` works for each (so each plug-in module imports in this build).
check_commands() {
    local label=$1 hanlin=$2 eps=$3 plugins name bad=""
    T0=$SECONDS
    if [ ! -f "$eps" ]; then
        fail "$label: the distribution's entry_points.txt is missing ($eps)"
        return
    fi
    plugins=$("$PY" - "$eps" <<'PYEOF'
import configparser, sys
entry_points = configparser.ConfigParser(delimiters=("=",), interpolation=None)
entry_points.optionxform = str
entry_points.read(sys.argv[1], encoding="utf-8")
group = "hanlin.commands"
print(" ".join(sorted(entry_points[group])) if entry_points.has_section(group) else "")
PYEOF
)
    if ! run "$hanlin" --help >"$T/help-$label.txt" 2>&1; then
        fail "$label: hanlin --help" "$T/help-$label.txt"
        return
    fi
    for name in $BUILTIN_COMMANDS $plugins; do
        grep -qw -- "$name" "$T/help-$label.txt" || bad="$bad $name(not listed)"
        run "$hanlin" "$name" --help >"$T/help-$label-$name.txt" 2>&1 || { bad="$bad $name(--help failed)"; cat "$T/help-$label-$name.txt" >>"$T/help-$label.txt"; }
    done
    if [ -z "$bad" ]; then
        pass "$label: hanlin --help lists ${BUILTIN_COMMANDS// /,} + entry points: ${plugins:-none declared}"
    else
        fail "$label: hanlin sub-commands:$bad" "$T/help-$label.txt"
    fi
}

# check_cli LABEL HANLIN: index the demo PDFs into a new library, then search it
check_cli() {
    local label=$1 hanlin=$2 library=$T/library-$1
    T0=$SECONDS
    if run HANLIN_DATA_DIR="$T/data-$label" HANLIN_CACHE_DIR="$T/cache-$label" \
        "$hanlin" index "$DEMO" --library "$library" >"$T/index-$label.log" 2>&1; then
        pass "$label: index $(basename "$DEMO") ($(grep -c . "$T/index-$label.log") lines of output)"
    else
        fail "$label: index $(basename "$DEMO")" "$T/index-$label.log"
        return
    fi
    check_search "$label" "$hanlin" "$library"
}

# check_gui LABEL GUI HANLIN: `hanlin-desktop --demo` off-screen builds the demo library in the
# background and keeps running; the library it built answers a search.
check_gui() {
    local label=$1 gui=$2 hanlin=$3 data=$T/gui-data-$1 pid waited=0 found=0
    T0=$SECONDS
    # setsid: the app leads its own process group, so it goes with its extraction workers
    "${OFFLINE[@]}" env -i "${ENVV[@]}" HANLIN_DATA_DIR="$data" HANLIN_CACHE_DIR="$T/gui-cache-$label" \
        setsid "$gui" --demo >"$T/gui-$label.log" 2>&1 &
    pid=$!
    while [ $waited -lt "$GUI_SECONDS" ] && kill -0 $pid 2>/dev/null; do
        if [ -f "$data/demo-library/catalog.db" ] && run "$hanlin" search "$QUERY" --library "$data/demo-library" --json 2>/dev/null \
            | "$PY" -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["total"] > 0 else 1)' 2>/dev/null; then
            found=1
            break
        fi
        sleep 2
        waited=$((waited + 2))
    done
    sleep 3  # still alive a little after the library is ready
    if kill -0 $pid 2>/dev/null; then
        kill -TERM -- -$pid 2>/dev/null || kill -TERM $pid
        wait $pid 2>/dev/null || true
        if grep -q Traceback "$T/gui-$label.log"; then
            fail "$label: GUI started but printed a traceback" "$T/gui-$label.log"
        elif [ $found = 1 ]; then
            pass "$label: GUI --demo off-screen: running, built the demo library"
        else
            fail "$label: GUI --demo running but no searchable demo library after ${GUI_SECONDS}s" "$T/gui-$label.log"
        fi
    else
        wait $pid 2>/dev/null && status=0 || status=$?
        fail "$label: GUI exited early (status $status)" "$T/gui-$label.log"
    fi
}

# ---------------------------------------------------------------- wheelhouse

if [ -n "$WHEELHOUSE" ]; then
    echo "Wheelhouse $WHEELHOUSE:"
    T0=$SECONDS
    INSTALL_ARGS=(--prefix "$T/install" --python "$PY" --no-launchers)
    [ $CLI_ONLY = 1 ] && INSTALL_ARGS+=(--cli-only)
    if run bash "$WHEELHOUSE/install.sh" "${INSTALL_ARGS[@]}" >"$T/install.log" 2>&1; then
        pass "install.sh into a fresh venv, offline"
    else
        fail "install.sh into a fresh venv, offline" "$T/install.log"
    fi
    VENV=$T/install/venv
    T0=$SECONDS
    if run "$VENV/bin/python" - "$CLI_ONLY" >"$T/resources.log" 2>&1 <<'PYEOF'
import sys
from indexer import analysis
assert analysis.USER_DICT.is_file() and analysis.STOP_WORDS_FILE.is_file(), analysis.DICT_DIR
assert analysis.user_words() and analysis.stop_words()
if sys.argv[1] != "1":
    from desktop.resources import demo_files
    assert len(demo_files()) >= 3, demo_files()
    from PySide6 import QtPdf, QtWidgets  # noqa: F401
PYEOF
    then
        pass "venv: user dictionary, stop words$([ $CLI_ONLY = 1 ] || echo ', demo PDFs, QtPdf') found"
    else
        fail "venv: installed resources" "$T/resources.log"
    fi
    if [ -x "$VENV/bin/hanlin" ]; then
        check_commands venv "$VENV/bin/hanlin" "$(ls -d "$VENV"/lib/python*/site-packages/hanlin-*.dist-info | head -1)/entry_points.txt"
        check_cli venv "$VENV/bin/hanlin"
    fi
    [ $CLI_ONLY = 0 ] && [ -x "$VENV/bin/hanlin-desktop" ] && check_gui venv "$VENV/bin/hanlin-desktop" "$VENV/bin/hanlin"
fi

# ---------------------------------------------------------------- frozen build

if [ -n "$FROZEN" ]; then
    echo "Frozen build $FROZEN:"
    T0=$SECONDS
    MISSING=0
    for f in hanlin hanlin-desktop _internal/indexer/resources/dict/user_dict.txt \
        _internal/indexer/resources/dict/stop_words.txt _internal/desktop/resources/translations/hanlin_en.qm \
        _internal/jieba/dict.txt _internal/opencc/clib/share/opencc/t2s.json _internal/pdfminer/cmap \
        _internal/PySide6/Qt/plugins/platforms; do
        [ -e "$FROZEN/$f" ] || { fail "frozen: $f is missing"; MISSING=1; }
    done
    ls "$FROZEN"/_internal/desktop/resources/demo/*.pdf >/dev/null 2>&1 || { fail "frozen: the demo PDFs are missing"; MISSING=1; }
    ls "$FROZEN"/_internal/PySide6/QtPdf.* >/dev/null 2>&1 || { fail "frozen: PySide6.QtPdf is missing"; MISSING=1; }
    [ $MISSING = 0 ] && pass "frozen: executables, dictionaries, demo, translations, OpenCC, CMaps, Qt, QtPdf"
    check_commands frozen "$FROZEN/hanlin" "$(ls -d "$FROZEN"/_internal/hanlin-*.dist-info 2>/dev/null | head -1)/entry_points.txt"
    check_cli frozen "$FROZEN/hanlin"
    check_gui frozen "$FROZEN/hanlin-desktop" "$FROZEN/hanlin"
fi

if [ $FAILED = 0 ]; then echo "Smoke test passed."; else echo "Smoke test FAILED."; fi
exit $FAILED
}
