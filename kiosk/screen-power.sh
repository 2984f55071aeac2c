#!/usr/bin/env bash
# Closing time and opening time for the kiosk screens (shop-screen-off/on.service).
#   screen-power.sh off   stop the kiosk session, blank the console: the monitor
#                         gets no picture and goes to sleep
#   screen-power.sh on    wake the console, start the kiosk session again
# Why stop the session rather than dim it: cage 0.1.4 (Debian 12) offers no
# output-power control to its clients (no wlr-output-management), so the only
# way to let the monitor sleep is to give the screen back to the kernel console.
# The terminal service keeps running: scans at night are kept in its journal and
# reach the page when it comes back.
set -euo pipefail
tty=${SHOP_SCREEN_TTY:-/dev/tty1}
case "${1:-}" in
  off)
    systemctl stop shop-kiosk.service
    if [ -w "$tty" ]; then TERM=linux setterm --blank force --powerdown 0 >"$tty" <"$tty" || true; fi
    ;;
  on)
    if [ -w "$tty" ]; then TERM=linux setterm --blank poke >"$tty" <"$tty" || true; fi
    systemctl start shop-kiosk.service
    ;;
  *)
    echo "usage: screen-power.sh on|off" >&2
    exit 2
    ;;
esac
