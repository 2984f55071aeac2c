#!/usr/bin/env bash
# Lays out one release of the terminal (what runs on the Pi) into OUT:
#   OUT/package.json        version (the service reads it)
#   OUT/dist/               the built kiosk app
#   OUT/service/main.mjs    the service, bundled (no TypeScript loader needed at run time)
#   OUT/service/update.mjs  the offline updater (run as root by shop-terminal-update.service)
#   OUT/node_modules/       the service's production dependencies only
#   OUT/kiosk/              session, browser and screen scripts
#   OUT/node/bin/node       (with --with-node) the Node.js binary this machine runs,
#                           so a Debian 12 terminal (Node 18) needs no other Node
# Native addons (serialport, unix-dgram) are the ones built on THIS machine: stage
# on the terminal's architecture (an arm64 Pi or an arm64 container for a Pi).
# Usage: stage-release.sh SRC OUT [--with-node]
set -euo pipefail
src=$(cd "${1:?usage: stage-release.sh SRC OUT [--with-node]}" && pwd)
out=${2:?usage: stage-release.sh SRC OUT [--with-node]}
with_node=0
[ "${3:-}" = "--with-node" ] && with_node=1

cd "$src"
[ -d node_modules ] || { echo "error: $src has no node_modules: run npm ci first" >&2; exit 1; }
if [ ! -f dist/index.html ] || [ -n "$(find src index.html vite.config.ts package.json -newer dist/index.html -print -quit)" ]; then
  echo "building the kiosk app …"
  npx vite build --logLevel warn
fi

rm -rf "$out"
mkdir -p "$out/service" "$out/node_modules" "$out/kiosk"
# --packages=external: dependencies stay in node_modules (native addons load from there).
npx esbuild device/main.ts --bundle --platform=node --format=esm --target=node20 \
  --packages=external --log-level=warning --outfile="$out/service/main.mjs"
npx esbuild device/update.ts --bundle --platform=node --format=esm --target=node20 \
  --packages=external --log-level=warning --outfile="$out/service/update.mjs"
cp -a dist "$out/dist"
cp package.json "$out/package.json"
cp kiosk/*.sh kiosk/sway-kiosk.conf.in "$out/kiosk/"
cp -a kiosk/systemd kiosk/udev "$out/kiosk/"
[ -d kiosk/chromium-policy ] && cp -a kiosk/chromium-policy "$out/kiosk/"
# The production dependency tree, as npm resolved it (nested copies included).
npm ls --omit=dev --parseable --all 2>/dev/null | tail -n +2 | while read -r dir; do
  rel=${dir#"$src"/}
  case "$rel" in node_modules/typescript | node_modules/@types/*) continue ;; esac
  mkdir -p "$out/$(dirname "$rel")"
  [ -e "$out/$rel" ] || cp -a "$rel" "$out/$rel"
done
# Build leftovers of native addons are not needed at run time.
find "$out/node_modules" -path '*/build/Release/obj.target' -prune -exec rm -rf {} + 2>/dev/null || true
if [ "$with_node" = 1 ]; then
  mkdir -p "$out/node/bin"
  cp "$(command -v node)" "$out/node/bin/node"
fi
echo "staged release $(node -p "require('$out/package.json').version") in $out"
