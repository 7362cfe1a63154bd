#!/usr/bin/env bash
# Installs code-server 4.99.4 (= VS Code 1.99) for the integration tests, outside the repo's node_modules:
# into $TCONV_CACHE (default ~/.cache/tconv-code-server). Idempotent: a marker file makes a second run instant.
# Steps follow /work/shared/notes/code-server.md (code-server's own postinstall fails offline and as root).
set -euo pipefail

VERSION=4.99.4
CACHE="${TCONV_CACHE:-$HOME/.cache/tconv-code-server}"
DIR="$CACHE/$VERSION"
CS="$DIR/node_modules/code-server"
MARKER="$DIR/.installed-ok"
START=$SECONDS

step() { echo "[code-server install] $*"; }
fail() { echo "[code-server install] ERROR: $*" >&2; exit 1; }
trap 'echo "[code-server install] ERROR: failed at line $LINENO: $BASH_COMMAND (exit $?)" >&2' ERR

# 1. Debian packages (only when something is missing).
bash "$(dirname "$0")/../install-system-packages.sh"

# 2. code-server, unless a previous run completed.
if [ -f "$MARKER" ] && [ -f "$CS/out/node/entry.js" ]; then
  step "code-server $VERSION already installed in $DIR ($((SECONDS - START)) s)"
  exit 0
fi
command -v node >/dev/null || fail "node not found"
node -e 'process.exit(+process.versions.node.split(".")[0] === 20 ? 0 : 1)' \
  || fail "code-server $VERSION needs Node 20, found $(node -v)"

export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
# Offline node-gyp: use the local Node headers when present instead of downloading them.
case "$(npm config get nodedir 2>/dev/null || true)" in
  ""|null|undefined) nodeprefix="$(dirname "$(dirname "$(command -v node)")")"
    if [ -f "$nodeprefix/include/node/node.h" ]; then export npm_config_nodedir="$nodeprefix"; fi ;;
esac

rm -rf "$DIR" && mkdir -p "$DIR" && cd "$DIR"
echo '{"name":"tconv-code-server-cache","private":true}' > package.json

step "npm install code-server@$VERSION (scripts off) into $DIR"
npm install --ignore-scripts --no-audit --no-fund --loglevel=error "code-server@$VERSION" || fail "npm install code-server failed"
step "npm rebuild argon2"
npm rebuild argon2 --loglevel=error || fail "npm rebuild argon2 failed"

cd "$CS/lib/vscode"
step "lib/vscode: npm install --omit=dev"
npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error || fail "lib/vscode npm install failed"
mkdir -p node_modules/@vscode/ripgrep/bin && ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
step "lib/vscode: npm rebuild (node-pty, spdlog, kerberos, ...)"
npm rebuild --loglevel=error || fail "lib/vscode npm rebuild failed (needs libkrb5-dev, python3, make, g++)"
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
step "lib/vscode/extensions: npm install --omit=dev"
(cd extensions && npm install --omit=dev --no-audit --no-fund --loglevel=error) || fail "built-in extensions npm install failed"

# 3. Smoke check (without starting the server, which would write ~/.config/code-server): version and native modules.
v="$(node -p "require('$CS/package.json').version")"
[ "$v" = "$VERSION" ] || fail "expected code-server $VERSION, found '$v'"
(cd "$CS/lib/vscode" && node -e "for (const m of ['node-pty', '@vscode/spdlog', 'kerberos']) require(m)") \
  || fail "native modules of lib/vscode do not load (npm rebuild incomplete?)"
(cd "$DIR" && node -e "require('argon2')") || fail "argon2 does not load (npm rebuild argon2 incomplete?)"

date -u +%FT%TZ > "$MARKER"
step "code-server $v installed in $DIR in $((SECONDS - START)) s"
