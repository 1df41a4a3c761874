#!/usr/bin/env bash
# Runs the four side-by-side measurements in sequence (about 55 minutes on a 2-core machine), one JSON each in results/.
# Each line is also the one command for that measurement (see README.md).  Stops at the first failing command.
set -euo pipefail
cd "$(dirname "$0")"
export ARGUS_BIN=${ARGUS_BIN:-/tmp/argus-bin/argus}
./sbs.py blocks  --name blocks-10k-2h  --targets 5 --series 2000 --samples 480 --step 15
./sbs.py steady  --name steady-a-100k --targets 50 --series 2000 --interval 15s --duration 300 --warmup 60 --churn 0.05 --churn-every 2.5
./sbs.py restart --name restart-b-1m  --targets 200 --series 5000 --interval 30s --duration 360 --warmup 90 --churn 0.05 --churn-every 2.5 --gen-workers 2
./sbs.py ceiling --name ceiling-1s    --targets 100 --interval 1s --steps "2000 5000 9000" --step-duration 60 --warmup 25 --gen-workers 2 --stop-timeout 60
