#!/usr/bin/env bash
# Offline installer of Hanlin (翰林) from this wheelhouse, for Linux (Debian/Ubuntu, Kylin, UOS).
# Needs no network: every wheel is in this folder. See docs/install.md.
#
#   ./install.sh                      install (root: /opt/hanlin; user: ~/.local/opt/hanlin)
#   ./install.sh --prefix DIR         install into DIR (a venv in DIR/venv)
#   ./install.sh --python PATH        the Python to use (default: python<X.Y> of BUILDINFO)
#   ./install.sh --cli-only           only the `hanlin` command (no PySide6, no GUI)
#   ./install.sh --no-launchers       no links in bin/ and no menu entry
#   ./install.sh --uninstall [--prefix DIR]   (a copy of this script is kept in the prefix)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
info() { sed -n "s/^$1=//p" "$HERE/BUILDINFO"; }
die() { echo "install.sh: $*" >&2; exit 1; }
# Desktops read the icon theme and menu caches: refresh them where the tools exist (best effort).
refresh_menus() {
    command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$DATA_DIR/icons/hicolor" 2>/dev/null
    command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA_DIR/applications" 2>/dev/null
    return 0
}

# DATA_DIR receives the menu entry (applications/), the icon (icons/hicolor/) and the AppStream
# metainfo (metainfo/), all listed in $PREFIX/INSTALLED for --uninstall.
if [ "$(id -u)" = 0 ]; then
    PREFIX=/opt/hanlin BIN_DIR=/usr/local/bin DATA_DIR=/usr/share
else
    PREFIX=$HOME/.local/opt/hanlin BIN_DIR=$HOME/.local/bin DATA_DIR=${XDG_DATA_HOME:-$HOME/.local/share}
fi
PYTHON=""
CLI_ONLY=""
LAUNCHERS=1
UNINSTALL=0
while [ $# -gt 0 ]; do
    case $1 in
        --prefix) PREFIX=$2; shift 2 ;;
        --python) PYTHON=$2; shift 2 ;;
        --cli-only) CLI_ONLY=1; shift ;;
        --no-launchers) LAUNCHERS=0; shift ;;
        --uninstall) UNINSTALL=1; shift ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done
PREFIX=$(mkdir -p "$PREFIX" && cd "$PREFIX" && pwd)

if [ $UNINSTALL = 1 ]; then
    [ -f "$PREFIX/INSTALLED" ] || die "no Hanlin installation in $PREFIX (no INSTALLED file)"
    while read -r f; do rm -f "$f"; done < "$PREFIX/INSTALLED"
    refresh_menus
    rm -rf "$PREFIX"
    echo "Hanlin removed from $PREFIX."
    echo "Your libraries, notes and settings are kept; delete them yourself if you want:"
    echo "  ${XDG_DATA_HOME:-$HOME/.local/share}/Hanlin  ${XDG_CACHE_HOME:-$HOME/.cache}/hanlin  ${XDG_CONFIG_HOME:-$HOME/.config}/Hanlin"
    exit 0
fi

# ---------------------------------------------------------------- checks before touching anything

[ -f "$HERE/BUILDINFO" ] || die "BUILDINFO missing: run this script from the unpacked wheelhouse"
WANT_PY=$(info python)
[ -n "$CLI_ONLY" ] || CLI_ONLY=$(info cli_only)

ARCH=$(info arch)
if [ "$ARCH" != any ] && [ "$ARCH" != "$(uname -m)" ]; then
    die "this wheelhouse is for $ARCH, this machine is $(uname -m)"
fi
NEED_GLIBC=$(info glibc_min)
if [ -n "$NEED_GLIBC" ]; then
    HAVE_GLIBC=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')
    if [ -n "$HAVE_GLIBC" ] && [ "$(printf '%s\n%s\n' "$NEED_GLIBC" "$HAVE_GLIBC" | sort -V | head -1)" != "$NEED_GLIBC" ]; then
        die "this wheelhouse needs glibc >= $NEED_GLIBC, this system has $HAVE_GLIBC: build one for it with
    packaging/build.sh --platform manylinux_${HAVE_GLIBC/./_}_$(uname -m)   (see docs/install.md)"
    fi
fi
if [ -z "$PYTHON" ]; then
    for candidate in "python$WANT_PY" python3; do
        if command -v "$candidate" >/dev/null; then PYTHON=$(command -v "$candidate"); break; fi
    done
fi
[ -n "$PYTHON" ] || die "no python$WANT_PY found: install Python $WANT_PY first, or pass --python PATH"
HAVE_PY=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
[ "$HAVE_PY" = "$WANT_PY" ] || die "$PYTHON is Python $HAVE_PY; these wheels are for Python $WANT_PY (pass --python PATH)"
if command -v sha256sum >/dev/null; then
    (cd "$HERE" && sha256sum --quiet -c SHA256SUMS) || die "a wheel does not match SHA256SUMS: the copy is damaged"
fi

# ---------------------------------------------------------------- install

# Only this folder: no index, no pip.conf, no PIP_* settings of the machine.
pip_offline() {
    env -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL -u PIP_FIND_LINKS -u PIP_CONSTRAINT PIP_CONFIG_FILE=/dev/null \
        "$PREFIX/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index --find-links "$HERE" "$@"
}

echo "Installing Hanlin $(info version) into $PREFIX with $PYTHON ($HAVE_PY)"
rm -rf "$PREFIX/venv"
if ! "$PYTHON" -m venv "$PREFIX/venv" 2>/dev/null; then
    # Debian/Ubuntu without python3.X-venv: no ensurepip; pip runs from its own wheel instead.
    rm -rf "$PREFIX/venv"
    "$PYTHON" -m venv --without-pip "$PREFIX/venv"
    PIP_WHEEL=$(ls "$HERE"/pip-*.whl | head -1)
    env PIP_CONFIG_FILE=/dev/null "$PREFIX/venv/bin/python" "$PIP_WHEEL/pip" install --quiet --no-index --find-links "$HERE" pip
fi
if [ "$CLI_ONLY" = 1 ]; then
    HANLIN_WHEEL=$(ls "$HERE"/hanlin-*.whl | head -1)
    mapfile -t REQS < <("$PREFIX/venv/bin/python" - "$HANLIN_WHEEL" <<'PYEOF'
import email, re, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    meta = email.message_from_bytes(z.read(next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))))
for line in meta.get_all("Requires-Dist") or []:
    if ";" not in line and not re.match(r"(?i)pyside6", line):
        print(line)
PYEOF
)
    pip_offline --no-deps "$HANLIN_WHEEL"
    pip_offline "${REQS[@]}"
else
    pip_offline "hanlin[gui]"  # PySide6 is the `gui` extra
fi

# ---------------------------------------------------------------- launchers, menu entry

: > "$PREFIX/INSTALLED"
if [ $LAUNCHERS = 1 ]; then
    mkdir -p "$BIN_DIR"
    for cmd in hanlin hanlin-desktop; do
        [ "$CLI_ONLY" = 1 ] && [ $cmd = hanlin-desktop ] && continue
        # never replace a file that is not a link to a Hanlin venv (ours or an older install)
        if [ -e "$BIN_DIR/$cmd" ] && [[ "$(readlink "$BIN_DIR/$cmd" || true)" != */venv/bin/$cmd ]]; then
            echo "WARNING: $BIN_DIR/$cmd exists and is not Hanlin's: left alone (run $PREFIX/venv/bin/$cmd)"
            continue
        fi
        ln -sf "$PREFIX/venv/bin/$cmd" "$BIN_DIR/$cmd"
        echo "$BIN_DIR/$cmd" >> "$PREFIX/INSTALLED"
    done
    if [ "$CLI_ONLY" != 1 ]; then
        # The menu entry, icon and metainfo are package data of hanlin_resources (the source
        # tree's resources/): the entry's command becomes this venv's, the icon goes into the
        # hicolor theme, where `Icon=hanlin` finds it.
        RES=$("$PREFIX/venv/bin/python" -c 'import hanlin_resources as r; print(r.RESOURCES_DIR)') \
            || die "the installed hanlin has no hanlin_resources package"
        mkdir -p "$DATA_DIR/applications"
        sed -e "s|^Exec=hanlin-desktop|Exec=\"$PREFIX/venv/bin/hanlin-desktop\"|" \
            -e "s|^TryExec=hanlin-desktop|TryExec=$PREFIX/venv/bin/hanlin-desktop|" \
            "$RES/hanlin.desktop" > "$DATA_DIR/applications/hanlin.desktop"
        echo "$DATA_DIR/applications/hanlin.desktop" >> "$PREFIX/INSTALLED"
        for png in "$RES"/icons/hicolor/*/apps/hanlin.png; do
            dest=$DATA_DIR/icons/hicolor/${png#"$RES/icons/hicolor/"}
            mkdir -p "$(dirname "$dest")" && cp "$png" "$dest" && echo "$dest" >> "$PREFIX/INSTALLED"
        done
        mkdir -p "$DATA_DIR/icons/hicolor/scalable/apps" "$DATA_DIR/metainfo"
        cp "$RES/icons/hanlin.svg" "$DATA_DIR/icons/hicolor/scalable/apps/hanlin.svg"
        cp "$RES"/*.metainfo.xml "$DATA_DIR/metainfo/"
        printf '%s\n' "$DATA_DIR/icons/hicolor/scalable/apps/hanlin.svg" \
            "$DATA_DIR/metainfo/$(basename "$RES"/*.metainfo.xml)" >> "$PREFIX/INSTALLED"
        refresh_menus
    fi
fi

# A copy of this script stays with the installation, for --uninstall.
cp "$0" "$PREFIX/install.sh" && chmod +x "$PREFIX/install.sh"

# ---------------------------------------------------------------- verify

"$PREFIX/venv/bin/hanlin" --help >/dev/null || die "the installed hanlin command does not run"
"$PREFIX/venv/bin/python" -c 'import indexer.search.analysis as a; assert a.USER_DICT.is_file(), a.USER_DICT' \
    || die "the jieba user dictionary was not installed (indexer/resources/dict)"
if [ "$CLI_ONLY" != 1 ]; then
    "$PREFIX/venv/bin/python" -c 'from PySide6 import QtWidgets, QtPdf' || die "PySide6 (Qt) does not load"
    # Qt's X11 plugin loads system libraries that pip cannot install: name the missing ones.
    XCB=$(ls "$PREFIX"/venv/lib/python*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so 2>/dev/null | head -1 || true)
    if [ -n "$XCB" ]; then
        MISSING=$(LD_LIBRARY_PATH="$(dirname "$(dirname "$(dirname "$XCB")")")/lib" ldd "$XCB" 2>/dev/null | awk '/not found/ {print $1}' | sort -u | tr '\n' ' ')
        if [ -n "$MISSING" ]; then
            echo "WARNING: the GUI needs system libraries missing here: $MISSING"
            echo "  Debian/Ubuntu/UOS/Kylin: apt-get install libegl1 libgl1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 (see docs/install.md)"
        fi
    fi
    command -v fc-list >/dev/null && [ -z "$(fc-list :lang=zh 2>/dev/null | head -1)" ] \
        && echo "WARNING: no Chinese font found (fc-list :lang=zh): install fonts-noto-cjk or a system CJK font"
fi

echo "Hanlin $(info version) installed in $PREFIX."
if [ $LAUNCHERS = 1 ]; then
    echo "Commands: $BIN_DIR/hanlin$([ "$CLI_ONLY" != 1 ] && echo ", $BIN_DIR/hanlin-desktop (also in the applications menu)")"
    case ":$PATH:" in *":$BIN_DIR:"*) ;; *) echo "Note: $BIN_DIR is not on your PATH." ;; esac
else
    echo "Commands: $PREFIX/venv/bin/hanlin$([ "$CLI_ONLY" != 1 ] && echo ", $PREFIX/venv/bin/hanlin-desktop")"
fi
echo "Uninstall: $PREFIX/install.sh --uninstall --prefix $PREFIX"
