#!/usr/bin/env bash
# Checks an experiment report page and takes its screenshot with headless Chromium: every file
# report.html links or shows must exist beside it (run folders only where runs/ is present: it is
# not committed), then DIR/report.png is the whole page as a browser draws it, trimmed to its
# content. The plots themselves (plots/*.svg, plots/*.png, plots/main.*) are written by
# `impala experiment report`. Installs Debian's chromium and imagemagick if missing; the page
# needs nothing from the network, and Chromium runs with its background networking off.
#   experiments/render.sh experiments/results/lag-ablation
set -euo pipefail
dir="${1:?usage: experiments/render.sh experiments/results/NAME}"
[[ -f "$dir/report.html" && -f "$dir/plots/main.png" ]] || { echo "render.sh: $dir has no report (run: ./impala experiment report $dir)" >&2; exit 2; }

missing=0
skipped=0
while IFS= read -r link; do
  if [[ "$link" == runs/* && ! -d "$dir/runs" ]]; then
    skipped=$((skipped + 1))
  elif [[ ! -e "$dir/$link" ]]; then
    echo "render.sh: $dir/report.html links $link, which does not exist" >&2
    missing=$((missing + 1))
  fi
done < <(grep -oE '(src|href)="[^"]*"' "$dir/report.html" | sed -E 's/^(src|href)="(.*)"$/\2/' | sort -u)
((missing == 0)) || exit 1
((skipped == 0)) || echo "render.sh: $skipped links into runs/ not checked: $dir/runs is absent (run folders are not committed)"

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
[[ -x /usr/bin/convert ]] || packages+=(imagemagick)
if ((${#packages[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile"
       --virtual-time-budget=10000)
# 1680 px shows the two-panel headline figure (1600 px) at its own size; the window is taller than
# any report page and the white below the page is trimmed away.
chromium "${flags[@]}" --window-size=1680,12000 --screenshot="$dir/report.png" "file://$(realpath "$dir/report.html")" 2>/dev/null
/usr/bin/convert "$dir/report.png" -trim +repage -bordercolor white -border 24 "$dir/report.png"
echo "render.sh: all links of $dir/report.html resolve; wrote $dir/report.png"
