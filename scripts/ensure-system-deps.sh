#!/usr/bin/env bash
# What the terminal needs from the system: Debian's Chromium (the kiosk browser,
# and real browser tests), socat (the simulated scanner, pty tests), cage and
# Xwayland (the kiosk session, started headless in a test), sway (the two-screen session, likewise) and systemd-analyze
# (the units are verified in a test), chromium-l10n (the kiosk browser's own words and date
# fields in Chinese, checked by the kiosk session's test), PostgreSQL 15 (the fleet collector's
# tests start a throw-away cluster from its binaries), fonts-noto-cjk (the kiosk's
# Chinese font: without it Chromium draws Chinese in whatever font it falls back
# to, so the layout tests would measure other line heights than a Pi shows, and
# the benches time other text layout).
# Installs what is missing when we are root; otherwise names the one command
# that does it.
#   ensure-system-deps.sh                 all of them, fail if missing (tests)
#   ensure-system-deps.sh --soft socat    warn only (npm start: hardware may not need it)
set -euo pipefail
soft=0
if [ "${1:-}" = "--soft" ]; then soft=1; shift; fi
wanted=("$@")
[ ${#wanted[@]} -eq 0 ] && wanted=(chromium chromium-l10n socat cage xwayland sway systemd-analyze postgresql-15 fonts-noto-cjk)
missing=()
for pkg in "${wanted[@]}"; do
  case "$pkg" in
    chromium)
      if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
        missing+=(chromium)
      fi ;;
    # The kiosk's Chromium in Chinese (date fields in yyyy/mm/dd); Debian's chromium ships English only.
    chromium-l10n)
      # Debian's chromium: missing, or without its Chinese (another browser, CHROMIUM_PATH, has its own).
      if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -e /usr/lib/chromium/locales/zh-CN.pak ] && ! command -v chromium-browser >/dev/null 2>&1; then
        missing+=(chromium-l10n)
      fi ;;
    fonts-noto-cjk)
      # Chinese text on the kiosk screen needs a CJK font.
      { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null)" ]; } || missing+=(fonts-noto-cjk) ;;
    xwayland) command -v Xwayland >/dev/null 2>&1 || missing+=(xwayland) ;;
    systemd-analyze) command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd) ;;
    # Debian keeps the server binaries off PATH.
    postgresql-15) [ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql-15) ;;
    *) command -v "$pkg" >/dev/null 2>&1 || missing+=("$pkg") ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} (Debian packages) …"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "installed ${missing[*]}"
  exit 0
fi
echo "error: this needs ${missing[*]}. Install with:  sudo apt-get install ${missing[*]}" >&2
[[ " ${missing[*]} " == *" chromium "* ]] && echo "       (or set CHROMIUM_PATH to a Chromium executable)" >&2
[ "$soft" = 1 ] && exit 0
exit 1
