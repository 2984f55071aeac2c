#!/usr/bin/env bash
# Opens the terminal page full screen in Chromium, as the counter's kiosk.
# Usage: chromium-kiosk.sh URL PROFILE_DIR
# The profile is persistent on purpose: IndexedDB (the shop's data) lives in it.
# Never add --incognito or --guest: those throw IndexedDB away at exit.
set -euo pipefail
url=${1:?usage: chromium-kiosk.sh URL PROFILE_DIR}
profile=${2:?usage: chromium-kiosk.sh URL PROFILE_DIR}
mkdir -p "$profile"
browser=${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$browser" ]; then
  echo "Chromium not found: sudo apt-get install chromium" >&2
  exit 1
fi
# Chromium refuses to run as root without --no-sandbox (e.g. in a container).
extra=()
[ "$(id -u)" = 0 ] && extra+=(--no-sandbox)
exec "$browser" \
  --kiosk "$url" \
  --user-data-dir="$profile" \
  --no-first-run \
  --noerrdialogs \
  --disable-infobars \
  --disable-session-crashed-bubble \
  --disable-translate \
  --disable-features=TranslateUI,Translate \
  --disable-pinch \
  --overscroll-history-navigation=0 \
  --check-for-update-interval=31536000 \
  --disable-background-networking \
  --disable-component-update \
  --disable-sync \
  --autoplay-policy=no-user-gesture-required \
  "${extra[@]}"
