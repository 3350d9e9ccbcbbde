#!/usr/bin/env bash
# CI for the VS Code extension (called by .ci/run): installs its npm packages, runs its unit
# tests, type-checks, lints, bundles and packages it to factlint.vsix, then installs the
# .vsix into code-server (a real VS Code workbench and extension host) and drives it in
# Chromium (test/e2e.mjs). The screenshot lands in target/editor-artifacts/vscode.png.
#
# Needs: Node 20+ and npm; root for apt-get (Chromium and build headers) unless those are
# installed. Uses $FACTLINT_BIN, else target/release/factlint (build it first).
# Skips the editor part, loudly, only when code-server or Chromium cannot be installed here.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ext=$(dirname "$here")
root=$(cd "$ext/../.." && pwd)
bin=${FACTLINT_BIN:-$root/target/release/factlint}
artifacts="$root/target/editor-artifacts"
started=$(date +%s)
elapsed() { echo "$(($(date +%s) - started)) s"; }

if [ ! -x "$bin" ]; then
  echo "vscode: $bin is missing; build it first (cargo build --release)" >&2
  exit 1
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "vscode: npm is not installed" >&2
  exit 1
fi

cd "$ext"
echo "-- vscode: npm ci ($(node --version), npm $(npm --version 2>/dev/null))"
npm ci --no-audit --no-fund --loglevel=error
echo "-- vscode: unit tests [$(elapsed)]"
mkdir -p "$artifacts"
npm run --silent test:unit >"$artifacts/vscode-unit.txt" 2>&1 || {
  cat "$artifacts/vscode-unit.txt"
  exit 1
}
unit_pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$artifacts/vscode-unit.txt")
unit_fail=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$artifacts/vscode-unit.txt")
echo "vscode unit: ${unit_pass:-0} passed, ${unit_fail:-0} failed"
echo "-- vscode: type-check, eslint, esbuild, vsce package [$(elapsed)]"
rm -f factlint.vsix
npm run --silent package
ls -l factlint.vsix

echo "-- vscode: install code-server and Chromium [$(elapsed)]"
set +e
bash "$here/install-tools.sh"
rc=$?
set -e
if [ "$rc" -eq 2 ]; then
  cat >&2 <<'BANNER'

  ##########################################################################################
  ##  SKIPPED: the VS Code end-to-end test. code-server or Chromium cannot be installed  ##
  ##  on this machine (see the install-tools line above). The extension was still built, ##
  ##  type-checked, linted, unit-tested and packaged.                                     ##
  ##########################################################################################

BANNER
  exit 0
elif [ "$rc" -ne 0 ]; then
  exit "$rc"
fi

run="$here/.run"
rm -rf "$run"
mkdir -p "$run/workspace" "$run/user-data/User" "$run/extensions" "$run/bin" "$artifacts"
cp -r "$root/seeds" "$run/workspace/seeds"
cp "$root/examples/briefs/wrong-figures.md" "$run/workspace/"
# code-server's extension host takes its PATH from a login shell, so the test names the
# binary with factlint.path (the PATH lookup has unit tests). The test starts with a wrong
# path, checks the message, then fixes the setting in .vscode/settings.json.
ln -s "$bin" "$run/bin/factlint"
mkdir -p "$run/workspace/.vscode"
echo "{\"factlint.path\": \"$run/bin/factlint-missing\"}" >"$run/workspace/.vscode/settings.json"
cat >"$run/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.ignoreRecommendations": true,
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "chat.commandCenter.enabled": false,
  "editor.hover.delay": 150,
  "factlint.trace.server": "messages"
}
JSON

cs="$here/.tools/node_modules/.bin/code-server"
echo "-- vscode: code-server --install-extension factlint.vsix [$(elapsed)]"
"$cs" --extensions-dir "$run/extensions" --user-data-dir "$run/user-data" \
  --install-extension "$ext/factlint.vsix" 2>&1 | grep -v '^\[' || true
ls "$run/extensions" | grep -q '^factlint\.factlint-' || {
  echo "vscode: the .vsix did not install" >&2
  exit 1
}

port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
echo "-- vscode: code-server on 127.0.0.1:$port [$(elapsed)]"
# In a process group of its own, so that its extension host and language servers end with it.
PATH="$run/bin:$PATH" setsid "$cs" --auth none --bind-addr "127.0.0.1:$port" \
  --user-data-dir "$run/user-data" --extensions-dir "$run/extensions" \
  --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override "$run/workspace" >"$run/code-server.log" 2>&1 &
cs_pid=$!
finish() {
  kill -- "-$cs_pid" 2>/dev/null || kill "$cs_pid" 2>/dev/null || true
  wait "$cs_pid" 2>/dev/null || true
  cp "$run/code-server.log" "$artifacts/vscode-code-server.log" 2>/dev/null || true
  # The extension's "factlint" output channel (server logs and the LSP trace).
  find "$run/user-data/logs" -name '*factlint*' -exec cp {} "$artifacts/" \; 2>/dev/null || true
}
trap finish EXIT
node -e "
const deadline = Date.now() + 60000;
(async () => {
  for (;;) {
    try { if ((await fetch('http://127.0.0.1:$port/healthz')).ok) return; } catch {}
    if (Date.now() > deadline) { console.error('code-server did not answer'); process.exit(1); }
    await new Promise((r) => setTimeout(r, 250));
  }
})();"

echo "-- vscode: end-to-end test in Chromium [$(elapsed)]"
FACTLINT_E2E_BIN="$run/bin/factlint" \
  node "$here/e2e.mjs" "http://127.0.0.1:$port" "$run/workspace" "$artifacts/vscode.png"
echo "-- vscode: done in $(elapsed); screenshot: $artifacts/vscode.png"
