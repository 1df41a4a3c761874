#!/usr/bin/env bash
# Page-load benchmark of the cluster overview dashboard (issue 7): a real Argus backfilled with SERIES Kubernetes-shaped
# series, the home page opened RUNS times in headless Chromium (Debian's /usr/bin/chromium via Playwright), each in a
# fresh browser context, until every panel finished. The measurement is
# tests/Argus.Tests/Browser/DashboardPageLoadBenchmark.cs; this script publishes the Release build of argus (to
# $ARGUS_BENCH_BIN_DIR, default /tmp/argus-bench-ui-bin) and runs the benchmark against it, keeping the result in
# bench/ui/results/. With ARGUS_BIN already set, that binary is used and nothing is published; ARGUS_BIN= (empty)
# measures the Debug argus.dll beside the tests, as the test suite runs it.
# ARGUS_UI_BENCH_TRACE=FILE records one more (untimed) load as a Chromium trace; bench/ui/trace-summary.py FILE
# summarises it (busy time per thread, renderer main-thread time per event, JavaScript functions, User Timing).
# ARGUS_UI_BENCH_OMNIBOX=1 leaves Chromium's per-context omnibox WebUI popup on (see DashboardPageLoadBenchmark).
# Usage: bench/ui/run.sh [SERIES=100000] [RUNS=7]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
series="${1:-100000}"
runs="${2:-7}"
mkdir -p "$here/results"
out="$here/results/cluster-overview-${series}.txt"
if [ -z "${ARGUS_BIN+set}" ]; then
  bindir="${ARGUS_BENCH_BIN_DIR:-/tmp/argus-bench-ui-bin}"
  dotnet publish "$root/src/Argus" -c Release -o "$bindir" --nologo -v quiet
  ARGUS_BIN="$bindir/argus"
fi
export ARGUS_BIN
ARGUS_UI_BENCH_SERIES="$series" ARGUS_UI_BENCH_RUNS="$runs" ARGUS_UI_BENCH_OUT="$out" \
  dotnet test "$root/tests/Argus.Tests" --filter "FullyQualifiedName~DashboardPageLoadBenchmark" --logger "console;verbosity=normal"
cat "$out"
