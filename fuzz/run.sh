#!/usr/bin/env bash
# Runs the fuzz targets one after the other, each for a given time, one job, niced.
#
#   fuzz/run.sh [SECONDS] [TARGET...]     # default: 600 s, every target
#   FUZZ_SEEDS_ONLY=1 fuzz/run.sh 5       # CI: each target briefly, on a scratch copy
#                                         # of its seed corpus (nothing kept)
#
# FUZZ_BUILD_FLAGS is passed to cargo fuzz build/run: "-O" (release, the default), or
# e.g. "--dev" (no optimization, debug assertions and overflow checks).
#
# The only toolchain here is stable: RUSTC_BOOTSTRAP=1 lets it take the nightly flags
# cargo-fuzz passes (-Zsanitizer=address and friends). A crash leaves its input in
# fuzz/artifacts/TARGET/ and makes this script exit non-zero; keep it as a regression test
# in tests/fuzz_regressions/TARGET/ (see fuzz/README.md). Each run's log is in
# fuzz/logs/TARGET.log and its closing figures are printed at the end.
set -euo pipefail
cd "$(dirname "$0")"
fuzz_dir=$(pwd)

secs=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(markdown figures positions documents corpus)
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz is not installed: cargo install cargo-fuzz --locked" >&2
  exit 1
fi

export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR=${FUZZ_TARGET_DIR:-$fuzz_dir/target}
mkdir -p logs

echo "== building the fuzz targets (cargo fuzz build ${FUZZ_BUILD_FLAGS:--O}: address sanitizer)"
for t in "${targets[@]}"; do
  if ! nice -n 10 cargo fuzz build ${FUZZ_BUILD_FLAGS:--O} "$t" >"logs/build-$t.log" 2>&1; then
    echo "cargo fuzz build $t failed:" >&2
    tail -n 40 "logs/build-$t.log" >&2
    exit 1
  fi
done

status=0
summary=()
for t in "${targets[@]}"; do
  if [ "${FUZZ_SEEDS_ONLY:-0}" = 1 ]; then
    corpus=$(mktemp -d)
    cp -r "seeds/$t/." "$corpus/"
  else
    # The working corpus grows across runs; the seeds stay as committed.
    corpus="corpus/$t"
    mkdir -p "$corpus"
  fi
  mkdir -p "artifacts/$t"
  echo "== fuzzing $t for ${secs}s"
  set +e
  # Inputs that once failed (tests/fuzz_regressions/TARGET) are read as seeds too.
  extra=()
  if [ -d "../tests/fuzz_regressions/$t" ]; then
    extra=("../tests/fuzz_regressions/$t")
  fi
  nice -n 10 cargo fuzz run ${FUZZ_BUILD_FLAGS:--O} "$t" "$corpus" "seeds/$t" "${extra[@]}" -- \
    -max_total_time="$secs" -jobs=1 -workers=1 -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="artifacts/$t/" >"logs/$t.log" 2>&1
  rc=$?
  set -e
  # With -jobs, libFuzzer runs the fuzzing in a child process whose output goes to
  # fuzz-JOB.log in the current folder.
  if [ -f fuzz-0.log ]; then
    cat fuzz-0.log >>"logs/$t.log"
    rm -f fuzz-0.log
  fi
  if [ "${FUZZ_SEEDS_ONLY:-0}" = 1 ]; then
    rm -rf "$corpus"
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$t.log" | grep -o '[0-9]*$' | tail -n 1)
  last=$(grep -E '^#[0-9]+' "logs/$t.log" | tail -n 1)
  cov=$(echo "$last" | grep -o 'cov: [0-9]*' | grep -o '[0-9]*')
  ft=$(echo "$last" | grep -o 'ft: [0-9]*' | grep -o '[0-9]*')
  if [ "$rc" -ne 0 ]; then
    status=1
    echo "!! $t: exit $rc; see fuzz/logs/$t.log and fuzz/artifacts/$t/" >&2
    grep -E 'panicked|ERROR|SUMMARY|Test unit written' "logs/$t.log" | head -n 8 >&2 || true
  fi
  summary+=("$t: ${secs}s, ${execs:-?} execs, cov ${cov:-?}, ft ${ft:-?}, exit $rc")
done

echo "== summary"
printf '%s\n' "${summary[@]}"
exit $status
