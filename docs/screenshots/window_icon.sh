#!/usr/bin/env bash
# Save docs/screenshots/window-icon-1366x768.png: the app on the demo library, in an X11 session
# at 1366×768 with a window manager that draws the window icon in the title bar (openbox), run
# through Qt's xcb platform as on Kylin/UOS. Needs: xvfb openbox xdotool fonts-noto-cjk.
#
#   docs/screenshots/window_icon.sh [DISPLAY_NUMBER]      (default :57)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
PY=$REPO/.venv/bin/python
OUT=$REPO/docs/screenshots/window-icon-1366x768.png
export DISPLAY=${1:-:57}
SCRATCH=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$SCRATCH"; }
trap cleanup EXIT

Xvfb "$DISPLAY" -screen 0 1366x768x24 -nolisten tcp >"$SCRATCH/xvfb.log" 2>&1 & PIDS+=($!)
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.2; done
openbox >"$SCRATCH/openbox.log" 2>&1 & PIDS+=($!)
sleep 1
HANLIN_DATA_DIR=$SCRATCH/data XDG_CONFIG_HOME=$SCRATCH/config QT_QPA_PLATFORM=xcb \
    "$REPO/.venv/bin/hanlin-desktop" --demo >"$SCRATCH/app.log" 2>&1 & PIDS+=($!)
WINDOW=$(xdotool search --sync --onlyvisible --name "翰林 Hanlin" | head -1)
# Maximised the way a user does it in openbox: a double click on the title bar (the window is
# placed at the top left, its title bar in the first 20 pixels).
xdotool windowactivate --sync "$WINDOW" mousemove 400 8 click --repeat 2 --delay 80 1
sleep 8  # the demo library is built on first use
# xdotool types non-Latin text by remapping a spare key per character: slowly, or some are lost.
xdotool windowactivate --sync "$WINDOW" key ctrl+a type --delay 250 "科技成果转化"
xdotool key Return
sleep 4
# The whole screen, title bar included (the window manager draws it, not Qt).
"$PY" -c 'import sys; from PySide6.QtGui import QGuiApplication; app = QGuiApplication(["grab", "-platform", "xcb"]); sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)' "$OUT"
echo "saved $OUT"
