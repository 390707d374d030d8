#!/usr/bin/env bash
# Fuzzes the read path (bytes → Document::open → check, as `annuaire-cpts check` does), one
# cargo-fuzz target per format: read_xlsx, read_xls, read_ods, read_csv, read_xlsb (fuzz/).
#
#   scripts/fuzz.sh [TARGET|all] [SECONDS_PER_TARGET]      (default: all 1800)
#
# Not part of CI: a useful run takes tens of minutes per target on 2 cores, more than CI's whole
# budget, and what it finds needs a person to triage. Run it by hand; it installs what is
# missing (nightly toolchain, cargo-fuzz), seeds fuzz/corpus/<target>/ from ../shared/corpus
# and runs the targets one after the other. A panic, a timeout (10 s), memory over 1 GB (RSS or
# one allocation) is a finding: fuzz/artifacts/<target>/{crash,oom,timeout}-*. Corpora,
# artifacts and logs are git-ignored; keep reproducers in tests/fixtures/fuzz/.
# Reproduce one: cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."

all=(read_xlsx read_xls read_ods read_csv read_xlsb)
targets=("${1:-all}")
[ "${targets[0]}" = all ] && targets=("${all[@]}")
seconds=${2:-1800}
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}
say() { printf '[fuzz] %s\n' "$*"; }

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
say "building (release, debug assertions, AddressSanitizer: its malloc hook sees one allocation over 1 GB)"
cargo +nightly fuzz build

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
for t in "${all[@]}"; do mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t" fuzz/logs; done
if [ -d "$seed" ]; then
  find "$seed" -type f -size -1048577c | while read -r f; do
    t=$(target_of "$f")
    rel=${f#"$seed"/}
    [ -n "$t" ] && cp -n "$f" "fuzz/corpus/$t/${rel//\//_}"
  done
else
  say "no $seed: the targets start from their dictionary alone"
fi

# One process at a time: -fork=1 runs one child after another and goes on after a finding
# (-ignore_*), where a plain run would stop at the first.
for t in "${targets[@]}"; do
  say "$t for ${seconds}s"
  start=$SECONDS
  cargo +nightly fuzz run "$t" -- -fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1 \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -malloc_limit_mb=1024 \
    -print_final_stats=1 -dict="fuzz/dict/$t.dict" >"fuzz/logs/$t.log" 2>&1 || true
  echo "elapsed: $((SECONDS - start))" >>"fuzz/logs/$t.log"
done

# The fork parent's "#N:" lines total its children's stat::number_of_executed_units.
printf '\n%-10s %12s %8s %7s %6s %4s %8s\n' target executions exec/s corpus crash oom timeout
for t in "${targets[@]}"; do
  log=fuzz/logs/$t.log
  runs=$(grep -o '^#[0-9]*:' "$log" | tail -1 | tr -d '#:')
  runs=${runs:-0}
  elapsed=$(sed -n 's/^elapsed: //p' "$log")
  count() { find "fuzz/artifacts/$t" -name "$1-*" | wc -l; }
  printf '%-10s %12s %8s %7s %6s %4s %8s\n' "$t" "$runs" $((runs / (elapsed > 0 ? elapsed : 1))) \
    "$(find "fuzz/corpus/$t" -type f | wc -l)" "$(count crash)" "$(count oom)" "$(count timeout)"
done
