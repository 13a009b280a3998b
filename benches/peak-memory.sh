#!/usr/bin/env bash
# Peak memory (maximum resident set size) of the operations the benchmarks
# time, run as the command line runs them, on the data `cargo bench --bench
# scale` built in target/bench-data/ (or $CARGO_TARGET_DIR/bench-data/).
# Needs GNU time (/usr/bin/time) and tmux (for the screen).
# Usage: benches/peak-memory.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
# The build and the data are where cargo puts them (CARGO_TARGET_DIR too).
target=${CARGO_TARGET_DIR:-target}
data=${1:-$(ls -d "$target"/bench-data/v*/"${MERIT_BENCH_DATASET:-dense}" | sort -V | tail -n 1)}
cargo build --release --quiet
merit=$target/release/merit
work=$(mktemp -d)
trap 'rm -rf "$work"; tmux kill-session -t merit-peak 2>/dev/null || true' EXIT
export MERIT_TODAY=${MERIT_TODAY:-2026-11-25} MERIT_USER=bench

peak() { # label, then the command
    local label=$1; shift
    /usr/bin/time -f "%M" -o "$work/rss" "$@" >/dev/null
    printf '%-44s %6d MB\n' "$label" $(( $(cat "$work/rss") / 1024 ))
}

# The demo that made the dataset, made again (MERIT_PEAK_DEMO=0 skips it:
# ten minutes at 10M).
if [ "${MERIT_PEAK_DEMO:-1}" = 1 ]; then
    case $(basename "$data") in
        10m) demo=(--members 20000 --activities 10000000 --years 5) ;;
        spread) demo=(--members 2000 --activities 1000000) ;;
        *) demo=(--members 2000 --activities 1000000 --years 1) ;;
    esac
    peak "merit demo ${demo[*]}" $merit --db "$work/demo.db" demo "${demo[@]}" --seed 1
    rm -f "$work"/demo.db*
fi

cp "$data/base.db" "$work/import.db"
peak "import 1M activities" $merit --db "$work/import.db" import activities "$data/activities-1m.csv"
cp "$data/imported.db" "$work/recalc.db"
peak "first recalc of 1M" $merit --db "$work/recalc.db" recalc
peak "no-op recalc of 1M" $merit --db "$work/recalc.db" recalc
# A rule edit on the demo store, whose years are scored and mostly
# approved: the recalc reconciles every stored award of every year (the
# deal rule's points 10 -> 12: changes, withdrawals, adjustments), then a
# recalc of the last year finds it all as it should be.
cp "$data/demo-1m.db" "$work/edit.db"
$merit --db "$work/edit.db" rules export >"$work/rules.toml"
sed -i '0,/^points = 10$/s//points = 12/' "$work/rules.toml"
$merit --db "$work/edit.db" rules import "$work/rules.toml" >/dev/null
peak "recalc after a rule edit" $merit --db "$work/edit.db" recalc
peak "recalc of a reconciled year (2026)" $merit --db "$work/edit.db" recalc 2026
rm -f "$work"/edit.db*
peak "standings of a quarter" $merit --db "$data/demo-1m.db" standings 2026-Q3
cp "$data/demo-1m.db" "$work/approve.db"
peak "approve the current quarter (2026-Q4)" $merit --db "$work/approve.db" approve 2026-Q4
peak "verify the 1M store" $merit --db "$work/approve.db" verify

# The screen: open it, wait for the first frame, read the high-water mark.
tmux new-session -d -s merit-peak -x 80 -y 24 "$merit --db $data/demo-1m.db"
sleep 3
pid=$(pgrep -n -f "merit --db $data/demo-1m.db")
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
printf '%-44s %6d MB\n' "open the screen on the 1M store" $(( hwm / 1024 ))
