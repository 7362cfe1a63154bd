#!/usr/bin/env bash
# Debian packages the browser and integration tests need, installed only when missing (root or sudo):
# Chromium (driven by playwright-core), CJK fonts (so Korean and Japanese labels render in screenshots instead of
# boxes), and what code-server's native modules build with.
set -euo pipefail
APT_PACKAGES=(chromium fonts-noto-cjk libkrb5-dev ripgrep python3 make g++)

step() { echo "[system packages] $*"; }
fail() { echo "[system packages] ERROR: $*" >&2; exit 1; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  step "apt-get install ${missing[*]}"
  $SUDO apt-get update -q || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" \
    || fail "apt-get install ${missing[*]} failed"
fi
for b in /usr/bin/chromium /usr/bin/rg; do [ -x "$b" ] || fail "$b missing after apt-get install"; done
