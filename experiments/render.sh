#!/usr/bin/env bash
# Renders an experiment report with headless Chromium (installed from Debian's packages if
# missing): DIR/main.png is the headline plot (plots/main.svg), DIR/report.png the whole page.
# The page needs nothing from the network; Chromium runs with its background networking off.
#   experiments/render.sh experiments/results/lag-ablation
set -euo pipefail
dir="${1:?usage: experiments/render.sh experiments/results/NAME}"
[[ -f "$dir/report.html" && -f "$dir/plots/main.svg" ]] || { echo "render.sh: $dir has no report (run: ./impala experiment report $dir)" >&2; exit 2; }
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile")
chromium "${flags[@]}" --window-size=560,360 --screenshot="$dir/main.png" "file://$(realpath "$dir/plots/main.svg")" 2>/dev/null
chromium "${flags[@]}" --window-size=1200,1600 --screenshot="$dir/report.png" "file://$(realpath "$dir/report.html")" 2>/dev/null
echo "render.sh: wrote $dir/main.png and $dir/report.png"
