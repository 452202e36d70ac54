#!/usr/bin/env bash
# Build Hanlin's offline installers (see packaging/README.md):
#   1. dist/wheelhouse/: the hanlin wheel and every dependency for one target platform, with
#      install scripts, bundled as one archive (dist/hanlin-<ver>-<py>-<platform>-wheelhouse.*);
#   2. dist/hanlin/: a PyInstaller one-folder build with `hanlin` and `hanlin-desktop`
#      (this machine's platform only), archived as dist/hanlin-<ver>-<os>-<arch>.tar.gz;
#   3. the smoke test (smoke_test.sh) on both, with the network disabled.
# The network is used here, at build time only (PyPI through pip).
set -euo pipefail
{ # the whole script is read before it runs: editing it during a build is safe

usage() {
    cat <<'EOF'
usage: packaging/build.sh [options]

  --platform TAG        target platform of the wheelhouse (repeatable), e.g.
                        manylinux_2_28_x86_64 (Kylin/UOS x86_64), manylinux_2_31_aarch64,
                        manylinux2014_x86_64, win_amd64. A manylinux tag means "a Linux with
                        at least this glibc": older manylinux tags are accepted too.
                        Default: this machine (and the frozen build is made too).
  --python-version X.Y  Python of the target (default: 3.11, or this interpreter's when native)
  --cli-only            the wheelhouse without PySide6 (indexer and `hanlin` CLI only), for
                        platforms with no PySide6 wheel (Linux arm64 with glibc < 2.31)
  --worktree            build from the working tree instead of the last commit (HEAD)
  --no-freeze           skip the PyInstaller build
  --no-smoke            skip the smoke test
  PYTHON=python3.11     the interpreter used to build (and for the native wheelhouse)
EOF
}

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
BUILD=$HERE/build
DIST=$HERE/dist
WHEELHOUSE=$DIST/wheelhouse

PLATFORMS=()
PYVER=""
CLI_ONLY=0
SOURCE=HEAD
FREEZE=1
SMOKE=1
while [ $# -gt 0 ]; do
    case $1 in
        --platform) PLATFORMS+=("$2"); shift 2 ;;
        --python-version) PYVER=$2; shift 2 ;;
        --cli-only) CLI_ONLY=1; shift ;;
        --worktree) SOURCE=worktree; shift ;;
        --no-freeze) FREEZE=0; shift ;;
        --no-smoke) SMOKE=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "build.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
done

PY=$("${PYTHON:-python3.11}" -c 'import sys; print(sys.executable)')
HOST_PYVER=$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
NATIVE=1
[ ${#PLATFORMS[@]} -gt 0 ] && NATIVE=0
if [ $NATIVE = 1 ]; then
    PYVER=${PYVER:-$HOST_PYVER}
    [ "$PYVER" = "$HOST_PYVER" ] || { echo "build.sh: --python-version $PYVER needs --platform (or PYTHON=python$PYVER)" >&2; exit 2; }
else
    PYVER=${PYVER:-3.11}
    FREEZE=0  # PyInstaller cannot cross-build: the frozen app is made on its own platform
fi

STEP_START=$SECONDS
REPORT=()
step() { echo; echo "==> $*"; STEP_START=$SECONDS; }
done_step() { REPORT+=("$(printf '%-34s %5ss' "$1" $((SECONDS - STEP_START)))"); }

# ------------------------------------------------------------------ platform tags

# manylinux_2_28_x86_64 -> that tag and every older manylinux tag of the arch (pip takes
# --platform literally: without this a glibc-2.28 target would refuse manylinux2014 wheels).
expand_platform() {
    local tag=$1 minor arch m
    case $tag in
        manylinux_2_*) minor=${tag#manylinux_2_}; arch=${minor#*_}; minor=${minor%%_*} ;;
        manylinux2014_*) minor=17; arch=${tag#manylinux2014_} ;;
        manylinux2010_*) minor=12; arch=${tag#manylinux2010_} ;;
        manylinux1_*) minor=5; arch=${tag#manylinux1_} ;;
        *) echo "$tag"; return ;;
    esac
    for ((m = minor; m >= 17; m--)); do echo "manylinux_2_${m}_$arch"; done
    [ "$minor" -ge 17 ] && echo "manylinux2014_$arch"
    if [ "$arch" = x86_64 ] || [ "$arch" = i686 ]; then
        [ "$minor" -ge 12 ] && echo "manylinux2010_$arch"
        echo "manylinux1_$arch"
    fi
}

PIP_TARGET=(--only-binary=:all:)
if [ $NATIVE = 1 ]; then
    PLATNAME="$(uname -s | tr '[:upper:]' '[:lower:]')_$(uname -m)"
else
    PLATNAME=${PLATFORMS[0]}
    PIP_TARGET+=(--python-version "$PYVER" --implementation cp)
    for p in "${PLATFORMS[@]}"; do
        for t in $(expand_platform "$p"); do PIP_TARGET+=(--platform "$t"); done
    done
fi
case $PLATNAME in win*) TARGET_OS=windows ;; macos*) TARGET_OS=macos ;; *) TARGET_OS=linux ;; esac

echo "Hanlin packaging: python $PYVER, platform $PLATNAME, source $SOURCE$([ $CLI_ONLY = 1 ] && echo ', CLI only')"

# ------------------------------------------------------------------ 0. source and tools

# pip, with the warnings about unreachable extra indexes of a machine's pip.conf filtered out
quiet_pip() { "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2); }

step "staging the source ($SOURCE)"
rm -rf "$BUILD/src" "$BUILD/wheels" "$WHEELHOUSE"
mkdir -p "$BUILD/src" "$BUILD/wheels" "$WHEELHOUSE"
COMMIT=$(git -C "$REPO" rev-parse --short HEAD)
if [ $SOURCE = HEAD ]; then
    git -C "$REPO" archive --format=tar HEAD | tar -x -C "$BUILD/src"
else
    # tracked and untracked-but-not-ignored files that exist now
    (cd "$REPO" && git ls-files -z --cached --others --exclude-standard \
        | "$PY" -c 'import os,sys; sys.stdout.write("".join(p+"\0" for p in sys.stdin.read().split("\0") if p and os.path.isfile(p)))' \
        | tar --null -T - -cf -) | tar -x -C "$BUILD/src"
    git -C "$REPO" diff --quiet HEAD && [ -z "$(git -C "$REPO" ls-files --others --exclude-standard)" ] \
        || COMMIT="$COMMIT+worktree"
fi
VERSION=$("$PY" -c 'import sys,tomllib; print(tomllib.load(open(sys.argv[1],"rb"))["project"]["version"])' "$BUILD/src/pyproject.toml")
done_step "stage source"

step "build tools venv (pip, wheel, packaging)"
TOOLS=$BUILD/venv-tools
[ -x "$TOOLS/bin/python" ] || "$PY" -m venv "$TOOLS"
quiet_pip "$TOOLS/bin/python" -m pip install --quiet --upgrade pip wheel packaging
done_step "tools venv"

# Compiled translations: desktop/resources/translations/build.py --release turns .ts into .qm
# (Qt's lrelease, from PySide6-Essentials in the tools venv); the committed .ts are not updated.
TRANSLATIONS_BUILD=desktop/resources/translations/build.py
if [ -f "$BUILD/src/$TRANSLATIONS_BUILD" ]; then
    step "compiling translations"
    quiet_pip "$TOOLS/bin/python" -m pip install --quiet PySide6-Essentials
    (cd "$BUILD/src" && PATH="$TOOLS/bin:$PATH" "$TOOLS/bin/python" "$TRANSLATIONS_BUILD" --release)
    done_step "translations"
fi

# ------------------------------------------------------------------ 1. wheelhouse

step "hanlin wheel"
# The dictionaries, demo PDFs, translations, app icon and menu entry are package data (pyproject.toml
# [tool.setuptools.package-data]; resources/ is the package hanlin_resources): the wheel carries
# them; check that it does.
quiet_pip "$TOOLS/bin/python" -m pip wheel --quiet --no-deps -w "$WHEELHOUSE" "$BUILD/src"
HANLIN_WHEEL=$(ls "$WHEELHOUSE"/hanlin-*.whl)
"$TOOLS/bin/python" - "$HANLIN_WHEEL" <<'PYEOF'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
need = ("indexer/resources/dict/user_dict.txt", "indexer/resources/dict/stop_words.txt",
        "desktop/resources/translations/hanlin_en.qm", "hanlin_resources/__init__.py",
        "hanlin_resources/icons/hanlin.ico", "hanlin_resources/icons/hicolor/16x16/apps/hanlin.png",
        "hanlin_resources/icons/hicolor/256x256/apps/hanlin.png", "hanlin_resources/hanlin.desktop")
missing = [n for n in need if n not in names]
demo = [n for n in names if n.startswith("desktop/resources/demo/") and n.endswith(".pdf")]
if missing or not demo:
    sys.exit(f"build.sh: the hanlin wheel lacks {missing or 'the demo PDFs'}")
count = sum("/resources/" in n or n.startswith("hanlin_resources/") for n in names)
print(f"   {sys.argv[1].rsplit('/', 1)[-1]}: {count} resource files")
PYEOF
done_step "hanlin wheel"

step "wheels of dependencies published only as source (built here, pure Python)"
# jieba has no wheel on PyPI; any other sdist-only dependency would show up in the download
# below as "no matching distribution" and belongs in this list (if it is pure Python).
SDIST_ONLY=(jieba)
quiet_pip "$TOOLS/bin/python" -m pip wheel --quiet --no-deps -w "$BUILD/wheels/sdist" "${SDIST_ONLY[@]}"
for w in "$BUILD/wheels/sdist"/*.whl; do
    case $w in *-py3-none-any.whl|*-py2.py3-none-any.whl) cp "$w" "$WHEELHOUSE/" ;;
        *) echo "build.sh: $w is not pure Python: it cannot go into a cross-platform wheelhouse" >&2; exit 1 ;;
    esac
done
done_step "sdist-only wheels"

step "downloading dependencies for $PLATNAME (python $PYVER)"
if [ $CLI_ONLY = 1 ]; then
    # hanlin's own requirements (PySide6 is in the `gui` extra, left out: it has a marker);
    # hanlin itself goes in with --no-deps (install.sh --cli-only)
    mapfile -t REQS < <("$TOOLS/bin/python" - "$HANLIN_WHEEL" <<'PYEOF'
import sys, zipfile, email
from packaging.requirements import Requirement
with zipfile.ZipFile(sys.argv[1]) as z:
    meta = email.message_from_bytes(z.read(next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))))
for line in meta.get_all("Requires-Dist") or []:
    req = Requirement(line)
    if req.marker is None and not req.name.lower().startswith("pyside6"):
        print(req)
PYEOF
)
else
    REQS=("hanlin[gui]==$VERSION")  # PySide6 is the `gui` extra
fi
# pip and setuptools go in too: install.sh can bootstrap pip from its wheel where the
# system Python has no ensurepip (Debian/Ubuntu without python3.X-venv).
quiet_pip "$TOOLS/bin/python" -m pip download --quiet --dest "$WHEELHOUSE" --find-links "$WHEELHOUSE" \
    "${PIP_TARGET[@]}" "${REQS[@]}" pip setuptools
done_step "download dependencies"

step "install scripts, checksums, build info, archive"
cp "$HERE/install.sh" "$HERE/install.ps1" "$HERE/install.bat" "$WHEELHOUSE/"
chmod +x "$WHEELHOUSE/install.sh"
"$TOOLS/bin/python" - "$WHEELHOUSE" <<PYEOF
import re, sys, pathlib
wh = pathlib.Path(sys.argv[1])
wheels = sorted(p.name for p in wh.glob("*.whl"))
# The glibc a Linux needs: each wheel runs from the lowest of its manylinux tags; the
# wheelhouse needs the highest of those.
need = (0, 0)
for name in wheels:
    plat = name[:-4].split("-")[-1]
    levels = []
    for tag in plat.split("."):
        m = re.match(r"manylinux_(\d+)_(\d+)_", tag)
        legacy = {"manylinux1": (2, 5), "manylinux2010": (2, 12), "manylinux2014": (2, 17)}
        if m:
            levels.append((int(m[1]), int(m[2])))
        elif tag.split("_")[0] in legacy:
            levels.append(legacy[tag.split("_")[0]])
    if levels:
        need = max(need, min(levels))
arch = next((a for a in ("x86_64", "aarch64", "amd64", "arm64") for n in wheels if n.endswith(a + ".whl")), "any")
info = {
    "name": "hanlin",
    "version": "$VERSION",
    "commit": "$COMMIT",
    "python": "$PYVER",
    "platform": "$PLATNAME",
    "arch": arch,
    "glibc_min": "%d.%d" % need if need != (0, 0) else "",
    "cli_only": "$CLI_ONLY",
    "built": __import__("datetime").datetime.now().astimezone().isoformat(timespec="seconds"),
}
(wh / "BUILDINFO").write_text("".join(f"{k}={v}\n" for k, v in info.items()), encoding="utf-8")
print("   " + " ".join(f"{k}={v}" for k, v in info.items()))
PYEOF
(cd "$WHEELHOUSE" && sha256sum -- *.whl > SHA256SUMS)

ARCHIVE_BASE="hanlin-$VERSION-py${PYVER/./}-$PLATNAME$([ $CLI_ONLY = 1 ] && echo -cli || true)-wheelhouse"
rm -f "$DIST/$ARCHIVE_BASE".*
if [ $TARGET_OS = windows ]; then
    ARCHIVE=$DIST/$ARCHIVE_BASE.zip
    "$PY" - "$WHEELHOUSE" "$ARCHIVE" "$ARCHIVE_BASE" <<'PYEOF'
import sys, zipfile, pathlib
src, out, root = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:  # wheels are zips already
    for p in sorted(src.iterdir()):
        z.write(p, f"{root}/{p.name}")
PYEOF
else
    # not compressed: wheels are zip files already (gzip would take a minute to save ~1%)
    ARCHIVE=$DIST/$ARCHIVE_BASE.tar
    tar -C "$DIST" --transform "s,^wheelhouse,$ARCHIVE_BASE," -cf "$ARCHIVE" wheelhouse
fi
done_step "archive wheelhouse"

# ------------------------------------------------------------------ 2. frozen build

FROZEN=""
if [ $FREEZE = 1 ] && [ $CLI_ONLY = 0 ]; then
    step "PyInstaller one-folder build"
    # hanlin from the wheelhouse (offline, exactly what users get) plus PyInstaller.
    FREEZE_VENV=$BUILD/venv-freeze
    rm -rf "$FREEZE_VENV"
    "$PY" -m venv "$FREEZE_VENV"
    "$FREEZE_VENV/bin/python" -m pip install --quiet --no-index --find-links "$WHEELHOUSE" "hanlin[gui]"
    quiet_pip "$FREEZE_VENV/bin/python" -m pip install --quiet pyinstaller
    rm -rf "$DIST/hanlin"
    HANLIN_SRC=$BUILD/src "$FREEZE_VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
        --distpath "$DIST" --workpath "$BUILD/pyinstaller" "$HERE/hanlin.spec"
    FROZEN=$DIST/hanlin
    cp "$WHEELHOUSE/BUILDINFO" "$FROZEN/BUILDINFO"
    FROZEN_ARCHIVE=$DIST/hanlin-$VERSION-$PLATNAME.tar.gz
    tar -C "$DIST" -czf "$FROZEN_ARCHIVE" hanlin
    done_step "pyinstaller build + archive"
fi

# ------------------------------------------------------------------ 3. smoke test

SMOKE_RESULT="not run"
if [ $SMOKE = 1 ]; then
    SMOKE_ARGS=()
    # The wheelhouse can be tried here when it targets this OS, arch and Python.
    HOST_ARCH=$(uname -m)
    if [ $TARGET_OS = linux ] && [ "$PYVER" = "$HOST_PYVER" ] \
        && { [ $NATIVE = 1 ] || [[ $PLATNAME == *"$HOST_ARCH" ]]; }; then
        SMOKE_ARGS+=(--wheelhouse "$WHEELHOUSE")
        [ $CLI_ONLY = 1 ] && SMOKE_ARGS+=(--cli-only)
    fi
    [ -n "$FROZEN" ] && SMOKE_ARGS+=(--frozen "$FROZEN")
    if [ ${#SMOKE_ARGS[@]} -gt 0 ]; then
        step "smoke test"
        if PYTHON="$PY" "$HERE/smoke_test.sh" --source "$BUILD/src" "${SMOKE_ARGS[@]}"; then
            SMOKE_RESULT=passed
        else
            SMOKE_RESULT=FAILED
        fi
        done_step "smoke test"
    else
        SMOKE_RESULT="skipped (the target is not this machine's platform)"
    fi
fi

# ------------------------------------------------------------------ report

{
    echo "Hanlin $VERSION ($COMMIT), python $PYVER, $PLATNAME, built $(date -Iseconds) on $(uname -sm)"
    echo
    echo "Times:"
    printf '  %s\n' "${REPORT[@]}"
    echo
    echo "Sizes:"
    echo "  wheelhouse: $(du -sh "$WHEELHOUSE" | cut -f1) in $(ls "$WHEELHOUSE"/*.whl | wc -l) wheels; archive $(du -h "$ARCHIVE" | cut -f1) $(basename "$ARCHIVE")"
    GLIBC_MIN=$(sed -n 's/^glibc_min=//p' "$WHEELHOUSE/BUILDINFO")
    [ -z "$GLIBC_MIN" ] || echo "  needs glibc >= $GLIBC_MIN"
    if [ -n "$FROZEN" ]; then
        echo "  frozen: $(du -sh "$FROZEN" | cut -f1) in $(find "$FROZEN" -type f | wc -l) files; archive $(du -h "$FROZEN_ARCHIVE" | cut -f1) $(basename "$FROZEN_ARCHIVE")"
        # the highest GLIBC_x.y symbol version any ELF file of the bundle asks for
        echo "  frozen needs glibc >= $(find "$FROZEN" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
            | xargs -0 grep -aoh 'GLIBC_2\.[0-9]*' 2>/dev/null | sort -t. -k2,2n -u | tail -1 | sed 's/GLIBC_//')"
    fi
    echo "  largest wheels:"
    ls -S "$WHEELHOUSE"/*.whl | head -6 | while read -r w; do printf '    %6s  %s\n' "$(du -h "$w" | cut -f1)" "$(basename "$w")"; done
    echo
    echo "Smoke test: $SMOKE_RESULT"
} | tee "$DIST/build-report.txt"
[ "$SMOKE_RESULT" != FAILED ]
exit
}
