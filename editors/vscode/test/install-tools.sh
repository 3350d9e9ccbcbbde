#!/usr/bin/env bash
# Installs what the VS Code end-to-end test needs, from the package registries only:
# Debian's Chromium and the build headers code-server's native modules want (apt), and
# code-server (a VS Code workbench and extension host, from npm) in test/.tools/.
# Exit status: 0 when everything is there, 2 when the editor cannot be installed on this
# machine (the caller then skips loudly), 1 on any other error.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tools="$here/.tools"
CODE_SERVER_VERSION=4.100.3 # the last line that runs on Node 20
RIPGREP_CACHE=/tmp/vscode-ripgrep-cache-1.15.11
RIPGREP_TARBALL=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

cannot() {
  echo "install-tools: $*" >&2
  exit 2
}

apt_packages=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep
  chromium build-essential python3)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || cannot "no apt-get here to install ${missing[*]}"
  [ "$(id -u)" = 0 ] || cannot "not root, cannot apt-get install ${missing[*]}"
  echo "install-tools: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt=(apt-get -q -o DPkg::Lock::Timeout=900)
  "${apt[@]}" update >/dev/null || cannot "apt-get update failed"
  if ! "${apt[@]}" install -y "${missing[@]}" >/dev/null; then
    # A half-finished install left on the machine blocks every other; finish it, try again.
    "${apt[@]}" install -f -y >/dev/null || true
    "${apt[@]}" install -y "${missing[@]}" >/dev/null ||
      cannot "apt-get install ${missing[*]} failed"
  fi
fi
command -v chromium >/dev/null 2>&1 || cannot "chromium is not on the PATH"

if [ -x "$tools/node_modules/.bin/code-server" ] &&
  [ "$("$tools/node_modules/.bin/code-server" --version 2>/dev/null | head -n 1 | cut -d' ' -f1)" = "$CODE_SERVER_VERSION" ]; then
  echo "install-tools: code-server $CODE_SERVER_VERSION already in $tools"
  exit 0
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub; give it Debian's rg instead, in
# the cache it looks in first.
if [ ! -f "$RIPGREP_CACHE/$RIPGREP_TARBALL" ]; then
  d=$(mktemp -d)
  cp "$(command -v rg)" "$d/rg"
  mkdir -p "$RIPGREP_CACHE"
  tar czf "$RIPGREP_CACHE/$RIPGREP_TARBALL" -C "$d" rg
  rm -rf "$d"
fi

mkdir -p "$tools"
[ -f "$tools/package.json" ] || echo '{"name": "factlint-vscode-test-tools", "private": true}' >"$tools/package.json"
echo "install-tools: npm install code-server@$CODE_SERVER_VERSION (a few minutes)"
# As root, code-server's postinstall wants unsafe-perm; node-pty's postinstall runs npx,
# which needs "yes" without a terminal.
(cd "$tools" && npm_config_yes=true npm_config_unsafe_perm=true \
  npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION") ||
  cannot "npm install code-server@$CODE_SERVER_VERSION failed"
"$tools/node_modules/.bin/code-server" --version >/dev/null || cannot "code-server does not run"
echo "install-tools: code-server $("$tools/node_modules/.bin/code-server" --version | head -n 1)"
