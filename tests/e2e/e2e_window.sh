#!/usr/bin/env bash
# End to end: the real seedscape window under Xvfb trains the sample workspace (seedscape --run),
# and a screenshot of the screen must show the scatter's markers in the first experiment's colour.
#   e2e_window.sh SEEDSCAPE SEEDSCAPE_CLI OUTPUT_DIR
set -euo pipefail
app=$1 cli=$2 out=$3
# The window must draw on Xvfb's screen, whatever platform the caller's environment asks for.
unset QT_QPA_PLATFORM
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$cli" sample --workspace "$work/ws" 2>/dev/null
# Small sweeps so the test stays quick: 4 seeds of 20 epochs each.
for f in "$work"/ws/*.experiment.json; do
    sed -i -E 's/"count": [0-9]+/"count": 4/; s/"epochs": [0-9]+/"epochs": 20/' "$f"
done

xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    set -e
    HOME="'"$work"'/home" XDG_CONFIG_HOME="'"$work"'/config" "'"$app"'" --run "'"$work"'/ws" &
    pid=$!
    for i in $(seq 1 240); do
        n=$(ls "'"$work"'"/ws/results/*/seed-*.json 2>/dev/null | wc -l)
        [ "$n" -ge 16 ] && break
        kill -0 $pid || { echo "seedscape exited early" >&2; exit 1; }
        sleep 0.5
    done
    sleep 2   # the window refreshes 150 ms after the last file; leave it time to draw
    import -window root "'"$out"'/e2e-window.png"
    kill $pid
    wait $pid || true
'
seeds=$(ls "$work"/ws/results/*/seed-*.json | wc -l)
echo "seeds stored by the window: $seeds"
[ "$seeds" -ge 16 ] || { echo "FAIL: expected 16 seeds, found $seeds" >&2; exit 1; }
# Pixels in the first experiment's colour (#1f77b4, within 4%; the selected table row's blue is farther): the markers and the legend key.
blue=$(convert "$out/e2e-window.png" -fuzz 4% -fill black +opaque '#1f77b4' -fill white -opaque '#1f77b4' \
       -colorspace gray -format '%[fx:int(mean*w*h)]' info:)
echo "pixels in the experiment colour: $blue"
[ "$blue" -gt 100 ] || { echo "FAIL: the scatter shows no markers" >&2; exit 1; }
echo "1 passed, 0 failed"
