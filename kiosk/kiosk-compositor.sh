#!/usr/bin/env bash
# What shop-kiosk.service starts on tty1: the Wayland compositor, with
# kiosk-session.sh (the Chromium windows) inside it.
#   One screen (KIOSK_DISPLAY_OUTPUT empty): cage, which shows one application
#     full screen and nothing else; without -s, so no switching to a text console.
#   Two screens (KIOSK_DISPLAY_OUTPUT=HDMI-A-2, say): sway with the locked-down
#     configuration sway-kiosk.conf.in (no bar, no key bindings, no console
#     switching), the counter page on KIOSK_COUNTER_OUTPUT and the customer
#     display page on KIOSK_DISPLAY_OUTPUT, each full screen, the touch screen
#     mapped to the counter's output. Why not cage for two: cage 0.1.4 spreads
#     one window over every output (-m extend) or uses only the last (-m last)
#     and cannot put a window on a given output; a second cage cannot share the
#     card (one DRM master per GPU); and a Wayland client cannot place itself,
#     so Chromium's --window-position does nothing there. See kiosk/README.md.
# Environment (from /etc/shop-terminal/terminal.env):
#   KIOSK_DISPLAY_OUTPUT   the customer display's output name; empty = one screen
#   KIOSK_COUNTER_OUTPUT   the counter's output name (default HDMI-A-1)
#   KIOSK_SWAY_CONFIG      where the generated sway configuration goes
#                          (default $XDG_RUNTIME_DIR/shop-kiosk-sway.conf)
# `kiosk-compositor.sh --print-config` writes the sway configuration to stdout and exits (tests).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
session="$here/kiosk-session.sh"
counter_output=${KIOSK_COUNTER_OUTPUT:-HDMI-A-1}
display_output=${KIOSK_DISPLAY_OUTPUT:-}

valid_output() { [[ "$1" =~ ^[A-Za-z0-9._-]+$ ]]; }

sway_config() {
  sed -e "s|@COUNTER_OUTPUT@|$counter_output|g" -e "s|@DISPLAY_OUTPUT@|$display_output|g" -e "s|@SESSION@|$session|g" \
    "$here/sway-kiosk.conf.in"
}

if [ -z "$display_output" ]; then
  [ "${1:-}" = --print-config ] && { echo "one screen: cage, no sway configuration" >&2; exit 1; }
  exec cage -d -- "$session"
fi
valid_output "$display_output" && valid_output "$counter_output" || {
  echo "kiosk-compositor: output names are letters, digits, '.', '_' and '-' (e.g. HDMI-A-2): '$counter_output' '$display_output'" >&2
  exit 2
}
if [ "$counter_output" = "$display_output" ]; then
  echo "kiosk-compositor: KIOSK_COUNTER_OUTPUT and KIOSK_DISPLAY_OUTPUT are both $display_output" >&2
  exit 2
fi
if [ "${1:-}" = --print-config ]; then
  sway_config
  exit 0
fi
config=${KIOSK_SWAY_CONFIG:-${XDG_RUNTIME_DIR:-/tmp}/shop-kiosk-sway.conf}
sway_config >"$config"
exec sway --config "$config"
