#!/usr/bin/env bash
# Page-load benchmark of the cluster overview dashboard (issue 7): a real Argus backfilled with SERIES Kubernetes-shaped
# series, the home page opened RUNS times in headless Chromium (Debian's /usr/bin/chromium via Playwright), navigation to
# every panel finished. The measurement is tests/Argus.Tests/Browser/DashboardPageLoadBenchmark.cs; this script sets
# its parameters and keeps the result in bench/ui/results/.
# Usage: bench/ui/run.sh [SERIES=100000] [RUNS=7]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
series="${1:-100000}"
runs="${2:-7}"
mkdir -p "$here/results"
out="$here/results/cluster-overview-${series}.txt"
ARGUS_UI_BENCH_SERIES="$series" ARGUS_UI_BENCH_RUNS="$runs" ARGUS_UI_BENCH_OUT="$out" \
  dotnet test "$root/tests/Argus.Tests" --filter "FullyQualifiedName~DashboardPageLoadBenchmark" --logger "console;verbosity=normal"
cat "$out"
