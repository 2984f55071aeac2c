#!/usr/bin/env bash
# Opens the terminal page full screen in Chromium, as the counter's kiosk.
# Usage: chromium-kiosk.sh URL PROFILE_DIR [--app-window]
# The profile is persistent on purpose: IndexedDB (the shop's data) lives in it.
# Never add --incognito or --guest: those throw IndexedDB away at exit.
# --app-window opens URL as a second, frameless window (customer display).
# KIOSK_CHROMIUM_FLAGS adds flags (tests: a remote-debugging port).
# KIOSK_BROWSER_LANGUAGE: the browser's own language (default zh_CN, from the
# chromium-l10n package): a date field reads 2026/12/09, not 12/09/2026. The page
# starts in Chinese whatever this is and switches language on its own.
# KIOSK_WINDOW_CLASS sets the window's Wayland app id (sway places the counter's window by it).
set -euo pipefail
url=${1:?usage: chromium-kiosk.sh URL PROFILE_DIR}
profile=${2:?usage: chromium-kiosk.sh URL PROFILE_DIR}
mkdir -p "$profile"
browser=${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$browser" ]; then
  echo "Chromium not found: sudo apt-get install chromium" >&2
  exit 1
fi
extra=()
# Chromium refuses to run as root without --no-sandbox (e.g. in a container).
[ "$(id -u)" = 0 ] && extra+=(--no-sandbox)
# Inside cage (the kiosk session) Chromium talks Wayland, not X11.
[ -n "${WAYLAND_DISPLAY:-}" ] && extra+=(--ozone-platform=wayland)
# shellcheck disable=SC2206 # word splitting of the extra flags is intended
[ -n "${KIOSK_CHROMIUM_FLAGS:-}" ] && extra+=(${KIOSK_CHROMIUM_FLAGS})
[ -n "${KIOSK_WINDOW_CLASS:-}" ] && extra+=(--class="$KIOSK_WINDOW_CLASS")
# On Linux Chromium takes its language from LANGUAGE (it ignores --lang).
export LANGUAGE="${KIOSK_BROWSER_LANGUAGE:-zh_CN}"
if [ "${3:-}" = "--app-window" ]; then
  page=(--app="$url")
else
  page=(--kiosk "$url")
fi
exec "$browser" \
  "${page[@]}" \
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
  --password-store=basic \
  --autoplay-policy=no-user-gesture-required \
  "${extra[@]}"
