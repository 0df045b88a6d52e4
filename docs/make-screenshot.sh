#!/usr/bin/env bash
# Makes the README's screenshot: the window itself (no screen margins), on a small study of
# diabetes variants (six experiments scored on the same rows, so the scatter compares them) beside
# two other sample experiments, every experiment trained with 8 seeds.
#   docs/make-screenshot.sh BUILD_DIR OUT.png [WIDTHxHEIGHT] [WORKSPACE]
# Needs xvfb-run and ImageMagick's import. The workspace (made anew; the status bar shows its path)
# is ~/diabetes-study unless given.
set -euo pipefail
build=$1 out=$2 size=${3:-1440x1000} ws=${4:-$HOME/diabetes-study}
# Only a workspace this script made is replaced: never a folder of yours.
if [ -e "$ws" ]; then
    [ -f "$ws/.made-by-make-screenshot" ] || { echo "$ws exists; name another workspace" >&2; exit 1; }
    rm -rf "$ws"
fi
demo=$(mktemp -d)
trap 'rm -rf "$demo"' EXIT
"$build/app/seedscape-cli" sample --workspace "$ws" 2>/dev/null
touch "$ws/.made-by-make-screenshot"
rm -f "$ws/breast-cancer-mlp.experiment.json" "$ws/digits-cnn.experiment.json"
# Variants of diabetes-mlp, each changing one thing, with their notes and tags.
/usr/bin/python3 - "$ws" <<'PY'
import json, sys
ws = sys.argv[1]
base = json.load(open(f"{ws}/diabetes-mlp.experiment.json"))
base["seeds"]["count"] = 8
base["tags"] = ["baseline"]
base["notes"] = "The sample's settings: two layers of 64, Adam at 2e-4, early stopping."
json.dump(base, open(f"{ws}/diabetes-mlp.experiment.json", "w"), indent=2)
variants = {
    "diabetes-wide": (lambda e: e["model"].update(hidden=[256, 256]), "wider layers"),
    "diabetes-dropout": (lambda e: e["model"].update(dropout=0.2), "dropout 0.2"),
    "diabetes-lr-high": (lambda e: e["training"].update(lr=0.002), "learning rate 2e-3"),
    "diabetes-small": (lambda e: e["model"].update(hidden=[16]), "one layer of 16"),
    "diabetes-batch16": (lambda e: e["training"].update(batch_size=16), "batches of 16"),
}
for name, (change, what) in variants.items():
    e = json.loads(json.dumps(base))
    e["name"] = name
    change(e)
    e["tags"] = ["variant"]
    e["notes"] = f"diabetes-mlp with {what}."
    json.dump(e, open(f"{ws}/{name}.experiment.json", "w"), indent=2)
PY
for f in "$ws"/*.experiment.json; do
    "$build/app/seedscape-cli" run "$f" --workspace "$ws" --seeds 8 >/dev/null 2>&1
    sed -i -E 's/"count": [0-9]+/"count": 8/' "$f" # done, not partial
done
home=$demo/home
mkdir -p "$home"
w=${size%x*} h=${size#*x}
# The window fills Xvfb's screen exactly, so the screen grab is the window and nothing else.
HOME=$home XDG_CONFIG_HOME=$home/.config xvfb-run -a -s "-screen 0 ${size}x24" bash -c "
    env -u QT_QPA_PLATFORM '$build/app/seedscape' -qwindowgeometry ${w}x${h}+0+0 '$ws' &
    pid=\$!
    sleep 6
    import -window root '$out'
    kill \$pid
"
echo "wrote $out"
