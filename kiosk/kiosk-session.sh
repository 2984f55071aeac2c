#!/usr/bin/env bash
# What cage runs on tty1 (shop-kiosk.service): waits for the terminal service,
# then Chromium in kiosk mode on its page with the persistent profile. When
# Chromium exits, this script exits, cage exits, and systemd starts it all again.
# Environment (from /etc/shop-terminal/terminal.env):
#   KIOSK_PORT            the service's port (default 8080)
#   KIOSK_PROFILE_DIR     Chromium profile (default /var/lib/shop-kiosk/chromium-profile)
#   KIOSK_DISPLAY_OUTPUT  the customer display's screen (two screens, under sway: kiosk-compositor.sh)
#   KIOSK_DISPLAY_URL     the page on it (default http://127.0.0.1:PORT/display)
#   SHOP_TIME_ZONE        the shop's time zone (default Asia/Shanghai): the page's
#                         calendar days (sales per day, order days) begin at its midnight,
#                         whatever zone the machine itself is set to
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
port=${KIOSK_PORT:-8080}
url="http://127.0.0.1:${port}/"
profile=${KIOSK_PROFILE_DIR:-/var/lib/shop-kiosk/chromium-profile}
export TZ=${SHOP_TIME_ZONE:-Asia/Shanghai}

# Up to 60 s for the service (first boot builds nothing, but the Pi is slow);
# the page reconnects by itself later, so this only avoids an error page.
for _ in $(seq 1 120); do
  if exec 3<>"/dev/tcp/127.0.0.1/${port}" 2>/dev/null; then
    exec 3>&- 3<&-
    break
  fi
  sleep 0.5
done

if [ -n "${KIOSK_DISPLAY_OUTPUT:-}" ] && [ -n "${SWAYSOCK:-}" ]; then
  # Two screens (sway-kiosk.conf.in puts each window on its output). The customer display is a
  # second window of the same browser, on the same profile: its page reads the shop's IndexedDB
  # and hears the counter on a BroadcastChannel, which a second profile would not share.
  KIOSK_WINDOW_CLASS=shop-counter "$here/chromium-kiosk.sh" "$url" "$profile" &
  counter=$!
  for _ in $(seq 1 120); do
    swaymsg -t get_tree 2>/dev/null | grep -q '"app_id": "shop-counter"' && break
    sleep 0.5
  done
  # Hands the URL to the running browser and returns.
  "$here/chromium-kiosk.sh" "${KIOSK_DISPLAY_URL:-http://127.0.0.1:${port}/display}" "$profile" --app-window || true
  wait "$counter"
  # The counter's browser is gone: end the session, as cage does, so systemd starts it again.
  swaymsg exit >/dev/null 2>&1 || true
  exit 0
fi
if [ -n "${KIOSK_DISPLAY_URL:-}" ]; then
  # cage shows one window: a second would cover the counter. Two screens need KIOSK_DISPLAY_OUTPUT.
  echo "kiosk-session: KIOSK_DISPLAY_URL is ignored without KIOSK_DISPLAY_OUTPUT (one screen)" >&2
fi
exec "$here/chromium-kiosk.sh" "$url" "$profile"
