#!/usr/bin/env bash
# Fuzzes the read path (bytes → Document::open → check, as `annuaire-cpts check` does), one
# cargo-fuzz target per format: read_xlsx, read_xls, read_ods, read_csv, read_xlsb (fuzz/).
#
#   scripts/fuzz.sh [TARGET…|all] [SECONDS_PER_TARGET]      (default: all 1800)
#   FUZZ_JOBS=2 scripts/fuzz.sh all 1800    two targets at a time (this machine has 2 cores)
#   scripts/fuzz.sh regress                 every target once over tests/fixtures/fuzz/*
#
# Not part of CI: a useful run takes tens of minutes per target on 2 cores, more than CI's whole
# budget, and what it finds needs a person to triage. Run it by hand (under `nice -n 19` on a
# shared machine); it installs what is missing (nightly toolchain, cargo-fuzz), seeds
# fuzz/corpus/<target>/ from ../shared/corpus and runs the targets. A panic, a timeout (10 s),
# memory over 1 GB (RSS or one allocation) is a finding: fuzz/artifacts/<target>/{crash,oom,
# timeout}-*. Corpora, artifacts, logs and binaries are git-ignored; keep reproducers in
# tests/fixtures/fuzz/ (their README says what each was and how it was fixed) and check them
# with `scripts/fuzz.sh regress`.
# Reproduce one: cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/crash-…
#
# Each run executes its own copy of the target (fuzz/bin/<target>): libFuzzer's -fork mode
# starts a new child process from the binary's path for every job, so a rebuild during a run
# would otherwise change the code under test half-way. The figures of a run are in
# fuzz/logs/<target>.log and in the table printed at the end (executions, exec/s, coverage
# `cov`/`ft` of the last status line, corpus size, findings).
set -euo pipefail
cd "$(dirname "$0")/.."

all=(read_xlsx read_xls read_ods read_xlsb read_csv)
mode=run
case "${1:-all}" in
  all) targets=("${all[@]}") ;;
  regress) mode=regress targets=("${all[@]}") ;;
  *) targets=("$1") ;;
esac
seconds=${2:-1800}
jobs=${FUZZ_JOBS:-1}
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}
say() { printf '[fuzz] %s\n' "$*"; }

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
say "building (release, debug assertions, AddressSanitizer: its malloc hook sees one allocation over 1 GB)"
cargo +nightly fuzz build
built=fuzz/target/x86_64-unknown-linux-gnu/release
limits=(-timeout=10 -rss_limit_mb=1024 -malloc_limit_mb=1024)

if [ "$mode" = regress ]; then
  # Each kept finding through every target: libFuzzer runs the files given once each and
  # exits non-zero on a crash, an OOM or a timeout.
  status=0
  for t in "${targets[@]}"; do
    if "$built/$t" "${limits[@]}" tests/fixtures/fuzz/*-* >"/tmp/fuzz-regress-$t.log" 2>&1; then
      say "$t: every kept finding runs clean"
    else
      say "$t: FAILED (see /tmp/fuzz-regress-$t.log)"
      status=1
    fi
  done
  exit "$status"
fi

# The target a seed goes to, by its extension (a misleading one does no harm: the read path
# sniffs the content, the target only steers the mutations).
target_of() {
  case "${1,,}" in
    *.xlsx | *.xlsm | *.xltx | *.xltm) echo read_xlsx ;;
    *.xls | *.xls5 | *.biff5) echo read_xls ;;
    *.ods | *.fods) echo read_ods ;;
    *.csv | *.tsv | *.txt) echo read_csv ;;
    *.xlsb) echo read_xlsb ;;
  esac
}

# Seeds up to 1 MB (larger ones only slow every run down), named by their path there.
seed=../shared/corpus
for t in "${all[@]}"; do mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t" fuzz/logs fuzz/bin; done
if [ -d "$seed" ]; then
  find "$seed" -type f -size -1048577c | while read -r f; do
    t=$(target_of "$f")
    rel=${f#"$seed"/}
    [ -n "$t" ] && cp -n "$f" "fuzz/corpus/$t/${rel//\//_}"
  done
else
  say "no $seed: the targets start from their dictionary alone"
fi

# One target: -fork=1 runs one child after another and goes on after a finding (-ignore_*),
# where a plain run would stop at the first.
run() {
  local t=$1 start=$SECONDS log="fuzz/logs/$1.log"
  cp "$built/$t" "fuzz/bin/$t"
  say "$t for ${seconds}s (commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ', modified'))"
  "fuzz/bin/$t" -fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1 \
    -max_total_time="$seconds" "${limits[@]}" -print_final_stats=1 \
    -artifact_prefix="fuzz/artifacts/$t/" -dict="fuzz/dict/$t.dict" \
    "fuzz/corpus/$t" >"$log" 2>&1 || true
  echo "elapsed: $((SECONDS - start))" >>"$log"
}
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  run "$t" &
done
wait

# The fork parent's "#N:" lines total its children's stat::number_of_executed_units; its
# last status line gives the coverage reached (cov: edges, ft: features).
printf '\n%-10s %8s %12s %8s %7s %7s %7s %6s %4s %8s\n' \
  target seconds executions exec/s cov ft corpus crash oom timeout
for t in "${targets[@]}"; do
  log=fuzz/logs/$t.log
  last=$(grep -E '^#[0-9]+:' "$log" | tail -1 || true)
  runs=$(sed -E 's/^#([0-9]+):.*/\1/' <<<"$last")
  runs=${runs:-0}
  cov=$(grep -oE 'cov: [0-9]+' <<<"$last" | tr -dc 0-9)
  ft=$(grep -oE 'ft: [0-9]+' <<<"$last" | tr -dc 0-9)
  elapsed=$(sed -n 's/^elapsed: //p' "$log")
  elapsed=${elapsed:-0}
  count() { find "fuzz/artifacts/$t" -name "$1-*" | wc -l; }
  printf '%-10s %8s %12s %8s %7s %7s %7s %6s %4s %8s\n' "$t" "$elapsed" "$runs" \
    $((runs / (elapsed > 0 ? elapsed : 1))) "${cov:--}" "${ft:--}" \
    "$(find "fuzz/corpus/$t" -type f | wc -l)" "$(count crash)" "$(count oom)" "$(count timeout)"
done
