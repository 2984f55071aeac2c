#!/usr/bin/env bash
# Turns a fresh Raspberry Pi OS bookworm (arm64) or Debian 12 (amd64) machine
# into the shop terminal. Run as root, from a clone of the repository (with
# node_modules: `npm ci`) or from an unpacked release bundle. Safe to run again:
# it converges to the same result and keeps the owner's settings.
#
#   sudo kiosk/install.sh [options]
#     --scanner-counter VID:PID[:SERIAL]   USB ids of the counter scanner  -> /dev/scanner-counter
#     --scanner-display VID:PID[:SERIAL]   USB ids of the display scanner  -> /dev/scanner-display
#     --opens HH:MM --closes HH:MM         screens on / off (default 07:00 / 22:00)
#     --port N                             the service's port on 127.0.0.1 (default 8080)
#     --display-output NAME                a second screen for the customer display (e.g. HDMI-A-2;
#                                          'none' = one screen); --counter-output NAME (default HDMI-A-1)
#     --release DIR                        install this staged release (default: stage one from here)
#     --release-key FILE                   public key (PEM) that offline update bundles must be signed with
#     --root DIR                           lay every file into DIR instead of /, install no
#                                          packages, create no user, start nothing (CI checks DIR)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=''
release=''
counter=''
display=''
opens=''
closes=''
port=''
release_key=''
display_output=''
counter_output=''
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root=${2:?--root needs a directory}; shift 2 ;;
    --release) release=${2:?--release needs a directory}; shift 2 ;;
    --scanner-counter) counter=${2:?}; shift 2 ;;
    --scanner-display) display=${2:?}; shift 2 ;;
    --opens) opens=${2:?}; shift 2 ;;
    --closes) closes=${2:?}; shift 2 ;;
    --port) port=${2:?}; shift 2 ;;
    --release-key) release_key=${2:?}; shift 2 ;;
    --display-output) display_output=${2:?}; shift 2 ;;
    --counter-output) counter_output=${2:?}; shift 2 ;;
    -h | --help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

say() { echo "install: $*"; }
die() { echo "install: error: $*" >&2; exit 1; }

staging=0
if [ -n "$root" ]; then
  staging=1
  mkdir -p "$root"
  root=$(cd "$root" && pwd)
else
  [ "$(id -u)" = 0 ] || die "run as root: sudo $0 $*"
fi
R=$root # every installed path is "$R/…"; empty on the real machine

# --- what this machine is ------------------------------------------------------
codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
arch=$(dpkg --print-architecture 2>/dev/null || uname -m)
if [ "$codename" != bookworm ] || { [ "$arch" != arm64 ] && [ "$arch" != amd64 ]; }; then
  say "warning: made for Debian 12 / Raspberry Pi OS bookworm on arm64 or amd64; this is ${codename:-unknown} on $arch"
fi

valid_ids() { [[ "$1" =~ ^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}(:[A-Za-z0-9._-]+)?$ ]]; }
valid_time() { [[ "$1" =~ ^([01][0-9]|2[0-3]):[0-5][0-9]$ ]]; }
[ -z "$counter" ] || valid_ids "$counter" || die "--scanner-counter wants VID:PID or VID:PID:SERIAL in hex, e.g. 0c2e:0b61"
[ -z "$display" ] || valid_ids "$display" || die "--scanner-display wants VID:PID or VID:PID:SERIAL in hex, e.g. 0c2e:0b61"
[ -z "$opens" ] || valid_time "$opens" || die "--opens wants HH:MM, e.g. 07:00"
[ -z "$closes" ] || valid_time "$closes" || die "--closes wants HH:MM, e.g. 22:00"
[ -z "$port" ] || [[ "$port" =~ ^[0-9]{1,5}$ ]] || die "--port wants a number"
valid_output() { [[ "$1" =~ ^[A-Za-z0-9._-]+$ ]]; }
[ -z "$display_output" ] || valid_output "$display_output" || die "--display-output wants an output name, e.g. HDMI-A-2 (see kiosk/README.md)"
[ -z "$counter_output" ] || valid_output "$counter_output" || die "--counter-output wants an output name, e.g. HDMI-A-1"

# --- Debian packages -----------------------------------------------------------
# chromium: the kiosk browser; cage + xwayland: the one-application Wayland
# session (Debian's cage needs Xwayland to start); fonts-noto-cjk: Chinese text;
# socat: the scanner simulator for trying the terminal without a scanner;
# sway: the session on two screens (kiosk-compositor.sh; cage cannot place a window on an output);
# chromium-l10n: the browser's own words in Chinese — a date field reads 2026/12/09, not the
# American 12/09/2026 (Debian's chromium carries English only).
packages=(chromium chromium-l10n cage xwayland fonts-noto-cjk socat sway)
if [ "$staging" = 0 ]; then
  say "Debian packages: ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  # brltty claims CH340/CP210x serial bridges (common in scanners) as braille
  # displays and takes the port away. A shop terminal has no braille display.
  if dpkg-query -W -f='${Status}' brltty 2>/dev/null | grep -q 'install ok installed'; then
    say "removing brltty (it grabs USB serial scanners)"
    apt-get purge -y -qq brltty >/dev/null
  fi
fi

# --- the shop user ------------------------------------------------------------
groups=(dialout video input render)
if [ "$staging" = 0 ]; then
  if ! id shop >/dev/null 2>&1; then
    say "creating user shop"
    useradd --create-home --home-dir /home/shop --shell /usr/sbin/nologin --user-group shop
  fi
  for group in "${groups[@]}"; do getent group "$group" >/dev/null || groupadd --system "$group"; done
  usermod -a -G "$(IFS=,; echo "${groups[*]}")" shop
fi

# --- the release (app built, service bundled) ----------------------------------
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$release" ]; then
  if [ -f "$here/../service/main.mjs" ]; then
    release=$(cd "$here/.." && pwd) # run from an unpacked release bundle
  else
    say "building the app and the service from $(cd "$here/.." && pwd)"
    bash "$here/stage-release.sh" "$here/.." "$tmp/release" >/dev/null
    release=$tmp/release
  fi
fi
[ -f "$release/service/main.mjs" ] && [ -f "$release/dist/index.html" ] || die "$release is not a staged release (no service/main.mjs or dist/index.html)"
version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$release/package.json" | head -n 1)
[ -n "$version" ] || die "no version in $release/package.json"

# --- Node.js -------------------------------------------------------------------
# package.json wants Node >= 20.19; Debian 12 ships 18. A release bundle built
# with `npm run release -- --with-node` carries its own node (node/bin/node); else
# the machine's node must be new enough (see kiosk/README.md, "Node.js").
if [ -x "$release/node/bin/node" ]; then
  node_bin=$release/node/bin/node
  node_link=../node/bin/node
else
  node_bin=$(command -v node || true)
  node_link=$node_bin
fi
[ -n "$node_bin" ] || die "no Node.js found. Use a release bundle that carries node (npm run release -- --with-node), or install Node.js >= 20.19 (see kiosk/README.md)"
node_version=$("$node_bin" -p 'process.versions.node' 2>/dev/null) || die "$node_bin does not run on this machine (wrong architecture?)"
IFS=. read -r major minor _ <<<"$node_version"
if [ "$major" -lt 20 ] || { [ "$major" = 20 ] && [ "$minor" -lt 19 ]; }; then
  die "Node.js $node_version at $node_bin is too old: the terminal needs >= 20.19 (Debian 12 ships 18). Use a release bundle that carries node (npm run release -- --with-node) or see kiosk/README.md, \"Node.js\""
fi
say "Node.js $node_version ($node_bin)"

# --- files ---------------------------------------------------------------------
base=$R/opt/shop-terminal
target=$base/releases/$version
say "release $version -> /opt/shop-terminal/releases/$version"
mkdir -p "$base/releases"
# Reinstalling the release that is already in place (e.g. --release /opt/shop-terminal/current) copies nothing.
if [ "$(cd "$release" && pwd -P)" != "$(cd "$target" 2>/dev/null && pwd -P || true)" ]; then
  rm -rf "$target.new"
  mkdir -p "$target.new"
  cp -a "$release/." "$target.new/"
  rm -rf "$target"
  mv "$target.new" "$target"
fi
mkdir -p "$target/bin"
ln -sfn "$node_link" "$target/bin/node"
# Switch atomically: a new link, renamed over the old one.
ln -sfn "releases/$version" "$base/current.new"
mv -T "$base/current.new" "$base/current"

mkdir -p "$R/etc/systemd/system" "$R/etc/udev/rules.d" "$R/etc/shop-terminal" "$R/etc/chromium/policies/managed"
install -m 0644 "$target"/kiosk/systemd/*.service "$target"/kiosk/systemd/*.timer "$target"/kiosk/systemd/*.path "$R/etc/systemd/system/"
# The key offline updates are checked against: given, or shipped in the release.
[ -n "$release_key" ] || { [ -f "$target/kiosk/release-key.pub.pem" ] && release_key=$target/kiosk/release-key.pub.pem; } || true
if [ -n "$release_key" ]; then
  install -m 0644 "$release_key" "$R/etc/shop-terminal/release-key.pem"
elif [ ! -f "$R/etc/shop-terminal/release-key.pem" ]; then
  say "warning: no --release-key: offline updates will be refused until /etc/shop-terminal/release-key.pem exists"
fi
install -m 0644 "$target/kiosk/chromium-policy/shop-kiosk.json" "$R/etc/chromium/policies/managed/shop-kiosk.json"
install -m 0644 "$target/kiosk/udev/80-shop-usb-sticks.rules" "$R/etc/udev/rules.d/"
# brltty masked as well as removed: a later apt-get install of a desktop must not bring it back to life.
ln -sfn /dev/null "$R/etc/systemd/system/brltty.service"
ln -sfn /dev/null "$R/etc/systemd/system/brltty-udev.service"

# Settings: written once, then the owner's; given options replace their line.
env_file=$R/etc/shop-terminal/terminal.env
if [ ! -f "$env_file" ]; then
  cat >"$env_file" <<'EOF'
# Shop terminal settings (read by shop-terminal.service and shop-kiosk.service).
# After a change: sudo systemctl restart shop-terminal shop-kiosk
KIOSK_PORT=8080
# Scanners: see `npm start -- --help` (KIOSK_SCANNER). auto = find it.
KIOSK_SCANNER=auto
# Opening hours: screens on at SHOP_OPENS and off at SHOP_CLOSES.
# Change them with: sudo kiosk/install.sh --opens 07:00 --closes 22:00
SHOP_OPENS=07:00
SHOP_CLOSES=22:00
# The shop's time zone: the page's days (sales per day) begin at its midnight.
SHOP_TIME_ZONE=Asia/Shanghai
KIOSK_PROFILE_DIR=/var/lib/shop-kiosk/chromium-profile
# Two screens: the customer display's output (e.g. HDMI-A-2; `wlr-randr` in the
# session lists them), and the counter's. Empty = one screen (cage).
KIOSK_DISPLAY_OUTPUT=
KIOSK_COUNTER_OUTPUT=HDMI-A-1
# The page on the second screen; empty = the customer display (/display).
KIOSK_DISPLAY_URL=
EOF
fi
set_setting() {
  if grep -q "^$1=" "$env_file"; then
    sed -i "s|^$1=.*|$1=$2|" "$env_file"
  else
    echo "$1=$2" >>"$env_file"
  fi
}
[ -z "$port" ] || set_setting KIOSK_PORT "$port"
[ -z "$opens" ] || set_setting SHOP_OPENS "$opens"
[ -z "$closes" ] || set_setting SHOP_CLOSES "$closes"
case "$display_output" in
  '') ;;
  none) set_setting KIOSK_DISPLAY_OUTPUT '' ;;
  *) set_setting KIOSK_DISPLAY_OUTPUT "$display_output" ;;
esac
[ -z "$counter_output" ] || set_setting KIOSK_COUNTER_OUTPUT "$counter_output"
scanner_paths=()
[ -z "$counter" ] || scanner_paths+=("counter=/dev/scanner-counter")
[ -z "$display" ] || scanner_paths+=("display=/dev/scanner-display")
[ ${#scanner_paths[@]} -eq 0 ] || set_setting KIOSK_SCANNER "$(IFS=';'; echo "${scanner_paths[*]}")"

# Timers follow the hours in the settings.
opens=$(sed -n 's/^SHOP_OPENS=//p' "$env_file")
closes=$(sed -n 's/^SHOP_CLOSES=//p' "$env_file")
for pair in "on:${opens:-07:00}" "off:${closes:-22:00}"; do
  which=${pair%%:*}
  at=${pair#*:}
  mkdir -p "$R/etc/systemd/system/shop-screen-$which.timer.d"
  printf '# Written by install.sh from SHOP_%s in /etc/shop-terminal/terminal.env\n[Timer]\nOnCalendar=\nOnCalendar=*-*-* %s:00\n' \
    "$([ "$which" = on ] && echo OPENS || echo CLOSES)" "$at" >"$R/etc/systemd/system/shop-screen-$which.timer.d/hours.conf"
done

# udev: the template with the given scanners filled in.
udev_rule() { # NAME VID:PID[:SERIAL]
  local name=$1 vid pid serial
  IFS=: read -r vid pid serial <<<"$2"
  if [ -z "$2" ]; then
    echo "# (no --scanner-$name given)"
    return
  fi
  printf 'SUBSYSTEM=="tty", ATTRS{idVendor}=="%s", ATTRS{idProduct}=="%s"' "${vid,,}" "${pid,,}"
  [ -z "$serial" ] || printf ', ATTRS{serial}=="%s"' "$serial"
  printf ', SYMLINK+="scanner-%s", GROUP="dialout", MODE="0660", ENV{ID_MM_DEVICE_IGNORE}="1"\n' "$name"
}
rules=$R/etc/udev/rules.d/70-shop-scanners.rules
if [ -n "$counter$display" ] || [ ! -f "$rules" ]; then
  counter_rule=$(udev_rule counter "$counter")
  display_rule=$(udev_rule display "$display")
  awk -v c="$counter_rule" -v d="$display_rule" '{ sub(/@COUNTER_RULE@/, c); sub(/@DISPLAY_RULE@/, d); print }' \
    "$target/kiosk/udev/70-shop-scanners.rules.in" >"$rules"
fi

# Data: the service's (journal, backups) and the kiosk's (Chromium profile = the shop's database).
install -d -m 0750 "$R/var/lib/shop-terminal" "$R/var/lib/shop-terminal/updates" "$R/var/lib/shop-kiosk"
if [ "$staging" = 0 ]; then chown shop:shop /var/lib/shop-terminal /var/lib/shop-terminal/updates /var/lib/shop-kiosk; fi

units=(shop-terminal.service shop-kiosk.service shop-screen-off.timer shop-screen-on.timer shop-terminal-update.path)
if [ "$staging" = 1 ]; then
  # What would be installed and by whom, for CI to check.
  {
    echo "packages: ${packages[*]}"
    echo "user: shop groups: ${groups[*]}"
    echo "node: $node_version"
    echo "release: $version"
    echo "enable: ${units[*]}"
  } >"$base/install-plan.txt"
  if systemctl --root="$R" enable "${units[@]}" >/dev/null 2>&1; then :; else
    mkdir -p "$R/etc/systemd/system/multi-user.target.wants" "$R/etc/systemd/system/graphical.target.wants" "$R/etc/systemd/system/timers.target.wants"
    ln -sfn /etc/systemd/system/shop-terminal.service "$R/etc/systemd/system/multi-user.target.wants/shop-terminal.service"
    ln -sfn /etc/systemd/system/shop-kiosk.service "$R/etc/systemd/system/graphical.target.wants/shop-kiosk.service"
    ln -sfn /etc/systemd/system/shop-screen-off.timer "$R/etc/systemd/system/timers.target.wants/shop-screen-off.timer"
    ln -sfn /etc/systemd/system/shop-screen-on.timer "$R/etc/systemd/system/timers.target.wants/shop-screen-on.timer"
    ln -sfn /etc/systemd/system/shop-terminal-update.path "$R/etc/systemd/system/multi-user.target.wants/shop-terminal-update.path"
  fi
  say "staged into $R (nothing installed on this machine)"
  exit 0
fi

systemctl daemon-reload
udevadm control --reload
udevadm trigger --subsystem-match=tty --action=change
systemctl disable getty@tty1.service >/dev/null 2>&1 || true
systemctl set-default graphical.target >/dev/null
systemctl enable "${units[@]}" >/dev/null
systemctl restart shop-terminal.service
systemctl restart shop-kiosk.service
systemctl start shop-screen-off.timer shop-screen-on.timer shop-terminal-update.path
say "done: release $version is running. Check with: systemctl status shop-terminal shop-kiosk"
