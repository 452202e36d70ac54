#!/usr/bin/env bash
# Smoke test of Hanlin's offline installers, with the network disabled (`unshare -n`).
#
#   smoke_test.sh --wheelhouse DIR   install.sh into a fresh venv from DIR, then check that
#                                    `hanlin --help` lists every sub-command (built-in and the
#                                    `hanlin.commands` entry points), index the demo library,
#                                    search it, and start the GUI off-screen
#   smoke_test.sh --frozen DIR       the same with the PyInstaller build in DIR
#   --source DIR    the source tree the builds were made from (default: this repository): the
#                   sub-commands and entry points expected are read from it
#   --demo DIR      the demo PDFs (default: desktop/resources/demo of the source)
#   --cli-only      the wheelhouse was built with --cli-only: no GUI check
#   --keep          keep the scratch folder
#
# Every command runs in an empty environment (env -i: HOME, caches, settings and the app's data
# in a scratch folder; PIP_CONFIG_FILE=/dev/null) inside a network namespace with no interface.
# Run as root (unshare -n) or where user namespaces are allowed (unshare -rn).
set -euo pipefail
{ # read whole before it runs: safe to edit during a test

HERE=$(cd "$(dirname "$0")" && pwd)
WHEELHOUSE="" FROZEN="" SOURCE=$HERE/.. DEMO="" CLI_ONLY=0 KEEP=0
while [ $# -gt 0 ]; do
    case $1 in
        --wheelhouse) WHEELHOUSE=$(cd "$2" && pwd); shift 2 ;;
        --frozen) FROZEN=$(cd "$2" && pwd); shift 2 ;;
        --demo) DEMO=$2; shift 2 ;;
        --source) SOURCE=$2; shift 2 ;;
        --cli-only) CLI_ONLY=1; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        *) echo "smoke_test.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
SOURCE=$(cd "$SOURCE" && pwd)
DEMO=$(cd "${DEMO:-$SOURCE/desktop/resources/demo}" && pwd)
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

# What the build should offer, from the source it was built from: the built-in sub-commands
# (indexer/cli/__init__.py: COMMAND_MODULES) and the `hanlin.commands` entry points of pyproject.toml.
read -r BUILTIN_COMMANDS <<<"$("$PY" - "$SOURCE/indexer/cli/__init__.py" <<'PYEOF'
import ast, sys
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
names = next(n.value for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "COMMAND_MODULES")
print(" ".join(m.removesuffix("_cmd") for m in ast.literal_eval(names)))
PYEOF
)"
read -r PLUGIN_COMMANDS <<<"$("$PY" - "$SOURCE/pyproject.toml" <<'PYEOF'
import sys, tomllib
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
print(" ".join(sorted(project.get("entry-points", {}).get("hanlin.commands", {}))))
PYEOF
)"

# check_commands LABEL HANLIN ENTRY_POINTS_TXT: the installed distribution declares the
# `hanlin.commands` entry points of pyproject.toml (its entry_points.txt, i.e. the metadata made
# it into the build), `hanlin --help` lists them and the built-in sub-commands without a plug-in
# load error, and `hanlin NAME --help` works for each (so each module imports in this build).
check_commands() {
    local label=$1 hanlin=$2 eps=$3 declared name bad=""
    T0=$SECONDS
    if [ ! -f "$eps" ]; then
        fail "$label: the distribution's entry_points.txt is missing ($eps)"
        return
    fi
    declared=$("$PY" - "$eps" <<'PYEOF'
import configparser, sys
entry_points = configparser.ConfigParser(delimiters=("=",), interpolation=None)
entry_points.optionxform = str
entry_points.read(sys.argv[1], encoding="utf-8")
group = "hanlin.commands"
print(" ".join(sorted(entry_points[group])) if entry_points.has_section(group) else "")
PYEOF
)
    [ "$declared" = "$PLUGIN_COMMANDS" ] || bad="$bad entry_points.txt declares '$declared', pyproject.toml '$PLUGIN_COMMANDS';"
    if ! run "$hanlin" --help >"$T/help-$label.txt" 2>&1; then
        fail "$label: hanlin --help" "$T/help-$label.txt"
        return
    fi
    grep -q "无法加载命令\|cannot load the" "$T/help-$label.txt" && bad="$bad a plug-in failed to load;"
    for name in $BUILTIN_COMMANDS $PLUGIN_COMMANDS; do
        grep -qw -- "$name" "$T/help-$label.txt" || bad="$bad $name not listed;"
        run "$hanlin" "$name" --help >"$T/help-$label-$name.txt" 2>&1 \
            || { bad="$bad hanlin $name --help failed;"; cat "$T/help-$label-$name.txt" >>"$T/help-$label.txt"; }
    done
    if [ -z "$bad" ]; then
        pass "$label: hanlin --help: $(echo $BUILTIN_COMMANDS | tr ' ' ,) + entry points $(echo $PLUGIN_COMMANDS | tr ' ' ,)"
    else
        fail "$label: sub-commands:$bad" "$T/help-$label.txt"
    fi
}

# make_digest PYTHON: a user database with one digest (cover, a section, an editor's note), made
# through the digest store of an installed hanlin; the exports below start from copies of it.
DIGEST_SRC=""
make_digest() {
    T0=$SECONDS
    if run "$1" - "$T/digest-user" >"$T/digest-make.log" 2>&1 <<'PYEOF'
import sys
from userdata.digest.store import DigestStore
store = DigestStore(sys.argv[1])
digest = store.create_digest("科技安全专题摘编", issue="2026年第1期", compiler="冒烟测试", organisation="翰林",
                             date="2026-11-25")
section = store.add_section(digest.id, "一、总体形势")
store.add_commentary(section.id, body_text="编者按：离线导出摘编。", body_html="<p>编者按：离线导出摘编。</p>")
store.close()
PYEOF
    then
        DIGEST_SRC=$T/digest-user
    else
        fail "a digest made with the installed digest store" "$T/digest-make.log"
    fi
}

# check_digest LABEL HANLIN: the `digest` plug-in exports the digest as PDF (CJK fonts embedded:
# its text extracts as written) and DOCX offline, and `hanlin audit` lists both exports.
check_digest() {
    local label=$1 hanlin=$2 user=$T/digest-$1 id fmt bad=""
    T0=$SECONDS
    [[ " $PLUGIN_COMMANDS " == *" digest "* ]] || return 0
    if [ -z "$DIGEST_SRC" ]; then
        echo "  ----  $label: digest export not run (the digest is made with the wheelhouse's Python: give --wheelhouse)"
        return
    fi
    cp -r "$DIGEST_SRC" "$user"
    id=$(run "$hanlin" digest list --json --user-dir "$user" 2>"$T/digest-$label.log" \
        | "$PY" -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])' 2>>"$T/digest-$label.log") || bad="digest list;"
    for fmt in pdf docx; do
        [ -n "$bad" ] && break
        run "$hanlin" digest export "$id" --format $fmt -o "$user/digest.$fmt" --user-dir "$user" \
            >>"$T/digest-$label.log" 2>&1 || bad="$bad export $fmt;"
    done
    if [ -z "$bad" ] && ! run "$VENV/bin/python" - "$user" >>"$T/digest-$label.log" 2>&1 <<'PYEOF'
import sys, zipfile
from pathlib import Path
import pypdfium2
user = Path(sys.argv[1])
pdf = pypdfium2.PdfDocument(user / "digest.pdf")
text = "".join(page.get_textpage().get_text_range() for page in pdf)
assert "编者按" in text and "科技安全专题摘编" in text, text[:200]
assert "编者按" in zipfile.ZipFile(user / "digest.docx").read("word/document.xml").decode("utf-8")
PYEOF
    then
        bad="$bad the exported files do not hold the digest's text;"
    fi
    if [ -z "$bad" ] && [ "$(run "$hanlin" audit --json --user-dir "$user" 2>>"$T/digest-$label.log" \
        | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)))' 2>>"$T/digest-$label.log")" != 2 ]; then
        bad="$bad audit does not list the two exports;"
    fi
    if [ -z "$bad" ]; then
        pass "$label: digest export pdf ($(du -k "$user/digest.pdf" | cut -f1) KB) and docx, audit lists both"
    else
        fail "$label: digest:$bad" "$T/digest-$label.log"
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
from indexer.search import analysis
assert analysis.USER_DICT.is_file() and analysis.STOP_WORDS_FILE.is_file(), analysis.DICT_DIR
assert analysis.user_words() and analysis.stop_words()
if sys.argv[1] != "1":
    from desktop.resources import demo_files
    assert len(demo_files()) >= 3, demo_files()
    import hanlin_resources
    assert all(p.is_file() for p in hanlin_resources.icon_pngs()), hanlin_resources.ICONS_DIR
    from PySide6 import QtPdf, QtWidgets  # noqa: F401
PYEOF
    then
        pass "venv: user dictionary, stop words$([ $CLI_ONLY = 1 ] || echo ', demo PDFs, app icon, QtPdf') found"
    else
        fail "venv: installed resources" "$T/resources.log"
    fi
    if [ -x "$VENV/bin/hanlin" ]; then
        check_commands venv "$VENV/bin/hanlin" "$(ls -d "$VENV"/lib/python*/site-packages/hanlin-*.dist-info | head -1)/entry_points.txt"
        check_cli venv "$VENV/bin/hanlin"
        if [ $CLI_ONLY = 0 ] && [[ " $PLUGIN_COMMANDS " == *" digest "* ]]; then
            make_digest "$VENV/bin/python"
            check_digest venv "$VENV/bin/hanlin"
        fi
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
        _internal/hanlin_resources/icons/hicolor/16x16/apps/hanlin.png _internal/hanlin_resources/hanlin.desktop \
        _internal/jieba/dict.txt _internal/opencc/clib/share/opencc/t2s.json _internal/pdfminer/cmap \
        _internal/PySide6/Qt/plugins/platforms; do
        [ -e "$FROZEN/$f" ] || { fail "frozen: $f is missing"; MISSING=1; }
    done
    ls "$FROZEN"/_internal/desktop/resources/demo/*.pdf >/dev/null 2>&1 || { fail "frozen: the demo PDFs are missing"; MISSING=1; }
    ls "$FROZEN"/_internal/PySide6/QtPdf.* >/dev/null 2>&1 || { fail "frozen: PySide6.QtPdf is missing"; MISSING=1; }
    [ $MISSING = 0 ] && pass "frozen: executables, dictionaries, demo, translations, app icon, OpenCC, CMaps, Qt, QtPdf"
    check_commands frozen "$FROZEN/hanlin" "$(ls -d "$FROZEN"/_internal/hanlin-*.dist-info 2>/dev/null | head -1)/entry_points.txt"
    check_cli frozen "$FROZEN/hanlin"
    check_digest frozen "$FROZEN/hanlin"
    check_gui frozen "$FROZEN/hanlin-desktop" "$FROZEN/hanlin"
fi

if [ $FAILED = 0 ]; then echo "Smoke test passed."; else echo "Smoke test FAILED."; fi
exit $FAILED
}
