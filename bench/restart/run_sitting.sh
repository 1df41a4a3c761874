#!/bin/sh
# One sitting of the restart benchmark (docs/benchmarks.md, "1M series × 2 h restart with head chunk files"): copies both
# kept data dirs, then, each run under the shared bench lock:
#   1. argus, first start of the new binary on the old data dir (replays the whole WAL, writes chunks_head/), SIGTERM
#   2. argus, second start (loads chunks_head/, skips the WAL samples they hold), SIGTERM
#   3. prometheus on its own data dir, SIGTERM
#   4. argus started, SIGKILLed 5 s after ready, 5. argus started again after that crash, SIGTERM
# usage: run_sitting.sh ARGUS_BIN ARGUS_DATA PROMETHEUS_DATA WORK_DIR
set -eu
argus_bin=$1 argus_orig=$2 prom_orig=$3 work=$4
here=$(cd "$(dirname "$0")" && pwd)
lock=${BENCH_LOCK:-/work/wt/bench.lock}
out=$work/results.jsonl
mkdir -p "$work/argus" "$work/prometheus"
[ -d "$work/argus/data" ] || cp -a "$argus_orig" "$work/argus/data"
[ -d "$work/prometheus/data" ] || cp -a "$prom_orig" "$work/prometheus/data"
run() { flock "$lock" python3 "$here/restart_time.py" --out "$out" "$@"; }
run --kind argus --bin "$argus_bin" --data "$work/argus/data"                        # 1. converts
du -sb "$work/argus/data/chunks_head" >> "$work/sizes.txt"
run --kind argus --bin "$argus_bin" --data "$work/argus/data"                        # 2. clean restart
run --kind prometheus --bin "${PROMETHEUS_BIN:-prometheus}" --data "$work/prometheus/data"   # 3.
run --kind argus --bin "$argus_bin" --data "$work/argus/data" --stop kill --after 5  # 4. crash
run --kind argus --bin "$argus_bin" --data "$work/argus/data"                        # 5. restart after the crash
