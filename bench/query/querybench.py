#!/usr/bin/env python3
"""Query latency and memory, Argus side by side with Prometheus 2.42 on the same data.

  querybench.py data   --config CONFIG.env          # ingest with Prometheus (shared/bench/run_bench.sh), dump to OpenMetrics
  querybench.py run    --data FILE.om [--repeats N]  # backfill both servers from that file, queries.txt: latency + memory
  querybench.py live   --prometheus-data D --argus-data D --end T  # servers on data they scraped themselves
  querybench.py report RESULT.json                  # markdown table (also printed at the end of run)

The data is made once: shared/bench/run_bench.sh runs Prometheus against the synthetic Kubernetes load (targets.py) for the
config's duration with the query phase off, snapshots the head into a block (POST /api/v1/admin/tsdb/snapshot) and keeps
it; `promtool tsdb dump` of that block is rewritten as an OpenMetrics backfill file (staleness markers dropped: a dump
prints them as plain NaN, which would read as values). Argus's block index is its own format, so both servers get the
data the same way: `run` backfills the file into a fresh data dir per server (`promtool tsdb create-blocks-from
openmetrics`, `argus tsdb import openmetrics`), starts the server with no scrape jobs, waits until it answers, and runs
every query of shared/bench/queries.txt as /api/v1/query_range over the data's whole time range at --step (15 s): one
warm-up, then --repeats timed runs (client wall time, a new connection each, as benchctl.py queries does). Memory per
query: before each run the server's peak-RSS counter is reset (write "5" to /proc/PID/clear_refs, Linux >= 4.0) and
VmRSS read; after it VmHWM is read: peak_rss_delta = VmHWM - VmRSS before, the resident memory the query added at its
peak, measured the same way for both servers. Prometheus's engine figure (stats=all -> samples.peakSamples) is recorded
when a server reports it. Both servers must return the same number of series per query, else the row is flagged.

Stdlib only. All traffic goes to 127.0.0.1; every wait is bounded; only PIDs this script started are signalled
(SIGTERM, bounded wait, SIGKILL).
"""
import argparse
import glob
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("SHARED_BENCH") or os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "bench"))
sys.path.insert(0, SHARED)
import benchctl  # noqa: E402  (shared helpers: http, wait, median/pct, ports, queries file)

WORK_ROOT = os.environ.get("WORK_ROOT") or os.path.join(os.environ.get("TMPDIR", "/tmp"), "argus-querybench")


def log(msg):
    print("[%s] %s" % (time.strftime("%H:%M:%S", time.gmtime()), msg), flush=True)


# ----------------------------------------------------------------------------- data
def cmd_data(a):
    """Ingests with Prometheus through run_bench.sh (no query phase, snapshot kept), dumps it, prints the file's path."""
    env = dict(os.environ, WORK_ROOT=WORK_ROOT)
    before = set(glob.glob(os.path.join(WORK_ROOT, "runs", a.name + "-prometheus-*")))
    cmd = ["bash", os.path.join(SHARED, "run_bench.sh"), "prometheus", os.path.abspath(a.config)]
    # The config's own variables win over the environment (run_bench.sh sources it last), so overrides are re-applied.
    cfg = os.path.join(WORK_ROOT, a.name + ".env")
    os.makedirs(WORK_ROOT, exist_ok=True)
    with open(a.config) as src, open(cfg, "w") as dst:
        dst.write(src.read())
        dst.write("\nNAME=%s\nQUERY_REPEATS=0\nSNAPSHOT=1\nANALYZE=0\nKEEP_DATA=1\n" % a.name)
        if a.duration_min:
            dst.write("DURATION_MIN=%s\n" % a.duration_min)
    cmd[-1] = cfg
    log("ingesting: %s (WORK_ROOT=%s)" % (" ".join(cmd), WORK_ROOT))
    rc = subprocess.call(cmd, env=env)
    if rc != 0:
        sys.exit("run_bench.sh failed with exit code %d" % rc)
    runs = sorted(set(glob.glob(os.path.join(WORK_ROOT, "runs", a.name + "-prometheus-*"))) - before)
    if not runs:
        sys.exit("run_bench.sh left no run dir under %s/runs" % WORK_ROOT)
    snaps = sorted(glob.glob(os.path.join(runs[-1], "data", "snapshots", "*")))
    if not snaps:
        sys.exit("no snapshot in %s/data/snapshots (see %s/run.log)" % (runs[-1], runs[-1]))
    om = os.path.join(runs[-1], "data.om")
    dump_openmetrics(snaps[-1], om)
    print("DATA %s" % om)


LABEL_PAIR = re.compile(r'([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"')


def dump_openmetrics(snapshot, out):
    """promtool tsdb dump of the snapshot's blocks, rewritten as an OpenMetrics backfill file (+ a .json summary)."""
    os.makedirs(os.path.join(snapshot, "wal"), exist_ok=True)  # promtool's read-only open wants a WAL dir
    promtool = os.environ.get("PROMTOOL_BIN", "promtool")
    proc = subprocess.Popen([promtool, "tsdb", "dump", snapshot], stdout=subprocess.PIPE, text=True, bufsize=1 << 20)
    series = samples = dropped = 0
    mint, maxt, last = None, None, None
    with open(out, "w") as fh:
        for line in proc.stdout:
            labels, value, ts = line.rstrip("\n").rsplit(" ", 2)
            if value.lower() == "nan":  # a staleness marker (the dump cannot tell them from NaN values; targets.py emits none)
                dropped += 1
                continue
            if labels != last:
                series += 1
                last = labels
            pairs = LABEL_PAIR.findall(labels)
            name = next(v for k, v in pairs if k == "__name__")
            rest = ",".join('%s="%s"' % (k, v) for k, v in pairs if k != "__name__")
            t = int(ts)
            mint = t if mint is None else min(mint, t)
            maxt = t if maxt is None else max(maxt, t)
            fh.write("%s{%s} %s %d.%03d\n" % (name, rest, value, t // 1000, t % 1000))
            samples += 1
        fh.write("# EOF\n")
    if proc.wait() != 0:
        sys.exit("promtool tsdb dump failed with exit code %d" % proc.returncode)
    info = dict(series=series, samples=samples, staleness_markers_dropped=dropped, min_time_ms=mint, max_time_ms=maxt,
                snapshot=snapshot)
    with open(out + ".json", "w") as fh:
        json.dump(info, fh, indent=1)
    log("wrote %s: %d series, %d samples (%d staleness markers dropped)" % (out, series, samples, dropped))


# ----------------------------------------------------------------------------- servers
def start_server(kind, om, run_dir, data=None):
    """Backfills the OpenMetrics file into a fresh data dir and starts the server on it with no scrape jobs; or, with
    `data`, starts the server on a data dir it filled itself by scraping (the WAL is replayed, nothing is backfilled)."""
    argus = os.environ.get("ARGUS_BIN", "/tmp/argus-bin/argus")
    if data is not None:
        os.makedirs(os.path.join(run_dir, kind), exist_ok=True)
        return launch(kind, argus, data, run_dir)
    data = os.path.join(run_dir, kind, "data")
    os.makedirs(data)
    if kind == "prometheus":
        backfill = [os.environ.get("PROMTOOL_BIN", "promtool"), "tsdb", "create-blocks-from", "openmetrics", om, data]
    else:
        backfill = [argus, "tsdb", "import", "openmetrics", om, data]
    t0 = time.time()
    with open(os.path.join(run_dir, kind, "backfill.log"), "w") as blog:
        if subprocess.call(backfill, stdout=blog, stderr=subprocess.STDOUT, timeout=3600) != 0:
            sys.exit("%s backfill failed; see %s" % (kind, blog.name))
    log("%s backfill took %.1f s" % (kind, time.time() - t0))
    return launch(kind, argus, data, run_dir)


def launch(kind, argus, data, run_dir):
    config = os.path.join(run_dir, kind, "prometheus.yml")
    with open(config, "w") as fh:
        fh.write("global:\n  scrape_interval: 15s\nscrape_configs: []\n")
    (port,) = [int(x) for x in subprocess.check_output([sys.executable, os.path.join(SHARED, "benchctl.py"), "ports",
                                                          "--count", "1", "--extra", "0"]).split()]
    if kind == "prometheus":
        cmd = [os.environ.get("PROMETHEUS_BIN", "prometheus"), "--config.file=" + config, "--storage.tsdb.path=" + data,
               "--web.listen-address=127.0.0.1:%d" % port, "--storage.tsdb.retention.time=30d"]
    else:
        cmd = [argus, "--config.file=" + config, "--storage.tsdb.path=" + data,
               "--web.listen-address=127.0.0.1:%d" % port, "--storage.tsdb.retention.time=30d"]
    logf = open(os.path.join(run_dir, kind, "server.log"), "w")
    proc = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT)
    url = "http://127.0.0.1:%d" % port
    deadline = time.time() + 1800   # a 1M-series WAL replays first
    while time.time() < deadline:
        if proc.poll() is not None:
            sys.exit("%s exited with %s; see %s" % (kind, proc.returncode, logf.name))
        try:
            if benchctl.http(url + "/api/v1/query?query=1", timeout=5)[0] == 200:
                return proc, url
        except Exception:
            pass
        time.sleep(0.5)
    stop(proc)
    sys.exit("%s not ready after 1800 s" % kind)


def stop(proc, grace=60):
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


def status_kib(pid, key):
    with open("/proc/%d/status" % pid) as fh:
        for line in fh:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return None


def reset_peak(pid):
    try:
        with open("/proc/%d/clear_refs" % pid, "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


# ----------------------------------------------------------------------------- queries
def data_range(om):
    info = json.load(open(om + ".json"))
    return info["min_time_ms"] / 1000.0, info["max_time_ms"] / 1000.0, info["series"], info["samples"]


def run_queries(kind, proc, url, queries, start, end, step, repeats, timeout):
    out = []
    for q in queries:
        params = {"query": q, "start": "%.3f" % start, "end": "%.3f" % end, "step": step}
        target = url + "/api/v1/query_range?" + urllib.parse.urlencode(params)
        lat, peaks, errors, nser, npts, first_ms, peak_samples = [], [], [], None, None, None, None
        for i in range(repeats + 1):  # run 0 is the warm-up
            peak_ok = reset_peak(proc.pid)
            rss0 = status_kib(proc.pid, "VmRSS")
            t0 = time.perf_counter()
            try:
                _, body = benchctl.http(target, timeout=timeout)
                dt = time.perf_counter() - t0
                d = json.loads(body)
                if d.get("status") != "success":
                    errors.append(str(d.get("error"))[:200])
                    continue
            except Exception as e:  # HTTP error, timeout
                errors.append(repr(e)[:200])
                continue
            hwm = status_kib(proc.pid, "VmHWM")
            if i == 0:
                first_ms = round(dt * 1e3, 2)
                r = d["data"]["result"]
                nser, npts = len(r), sum(len(s.get("values", [])) for s in r)
                continue
            lat.append(dt)
            if peak_ok and hwm is not None and rss0 is not None:
                peaks.append(max(0, hwm - rss0) * 1024)
        try:  # the engine's own figure, where the server reports query statistics
            _, body = benchctl.http(target + "&stats=all", timeout=timeout)
            peak_samples = json.loads(body)["data"].get("stats", {}).get("samples", {}).get("peakSamples")
        except Exception:
            pass
        row = dict(query=q, n=len(lat), errors=len(errors), first_error=errors[0] if errors else None,
                   result_series=nser, result_points=npts, first_ms=first_ms,
                   median_ms=round(benchctl.median(lat) * 1e3, 2) if lat else None,
                   p90_ms=round(benchctl.pct(lat, 90) * 1e3, 2) if lat else None,
                   peak_rss_delta_bytes=max(peaks) if peaks else None,
                   median_rss_delta_bytes=benchctl.median(peaks) if peaks else None,
                   engine_peak_samples=peak_samples)
        out.append(row)
        log("  %-10s %-70.70s med=%s ms p90=%s ms peak+%s MiB series=%s err=%d" % (
            kind, q, row["median_ms"], row["p90_ms"],
            None if row["peak_rss_delta_bytes"] is None else round(row["peak_rss_delta_bytes"] / 2**20, 1), nser, len(errors)))
    return out


def write_result(a, result, stamp):
    """Writes results/<name>-<stamp>.json and prints its table."""
    os.makedirs(a.results, exist_ok=True)
    path = os.path.join(a.results, "%s-%s.json" % (a.name, stamp))
    with open(path, "w") as fh:
        json.dump(result, fh, indent=1)
    print(report(result))
    log("result: %s" % path)


def cmd_live(a):
    """Both servers on data dirs they filled themselves (e.g. `sbs.py restart --together --keep-data`): the same series
    from the same generator, scraped by each. Each server is started alone on its dir with no scrape jobs, and the
    queries run over [--end - --range, --end]."""
    queries = benchctl.load_queries(a.queries)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    run_dir = os.path.join(WORK_ROOT, "runs", "%s-%s" % (a.name, stamp))
    os.makedirs(run_dir)
    dirs = {"prometheus": a.prometheus_data, "argus": a.argus_data}
    end = a.end
    start = end - benchctl.parse_dur(a.range)
    result = dict(name=a.name, stamp=stamp, data=dirs, series=a.series, samples=0, start=start, end=end,
                  step=a.step, repeats=a.repeats, servers={})
    log("live data %s; range [%.0f, %.0f]; %d queries x %d, step %s" % (dirs, start, end, len(queries), a.repeats, a.step))
    for kind in a.servers.split():
        t0 = time.time()
        proc, url = start_server(kind, None, run_dir, data=os.path.abspath(dirs[kind]))
        ready_s = round(time.time() - t0, 1)   # WAL replay included: both answer queries only once ready
        try:
            rss_idle = status_kib(proc.pid, "VmRSS") * 1024
            log("%s ready at %s after %.1f s (pid %d, RSS %.0f MiB)" % (kind, url, ready_s, proc.pid, rss_idle / 2**20))
            rows = run_queries(kind, proc, url, queries, start, end, a.step, a.repeats, a.timeout)
            result["servers"][kind] = dict(rss_idle_bytes=rss_idle, ready_s=ready_s,
                                           rss_end_bytes=status_kib(proc.pid, "VmRSS") * 1024, queries=rows)
        finally:
            stop(proc, grace=300)
    write_result(a, result, stamp)


def cmd_run(a):
    om = os.path.abspath(a.data)
    start, end, nseries, nsamples = data_range(om)
    queries = benchctl.load_queries(a.queries)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    run_dir = os.path.join(WORK_ROOT, "runs", "%s-%s" % (a.name, stamp))
    os.makedirs(run_dir)
    log("data: %s (%d series, %d samples, %.0f s); %d queries x %d, step %s; run dir %s" % (
        om, nseries, nsamples, end - start, len(queries), a.repeats, a.step, run_dir))
    result = dict(name=a.name, stamp=stamp, data=om, series=nseries, samples=nsamples, start=start, end=end,
                  step=a.step, repeats=a.repeats, servers={})
    for kind in a.servers.split():
        proc, url = start_server(kind, om, run_dir)
        try:
            rss_idle = status_kib(proc.pid, "VmRSS") * 1024
            log("%s ready at %s (pid %d, RSS %.0f MiB)" % (kind, url, proc.pid, rss_idle / 2**20))
            rows = run_queries(kind, proc, url, queries, start, end, a.step, a.repeats, a.timeout)
            result["servers"][kind] = dict(rss_idle_bytes=rss_idle, rss_end_bytes=status_kib(proc.pid, "VmRSS") * 1024,
                                           queries=rows)
        finally:
            stop(proc)
        if not a.keep_data:
            shutil.rmtree(os.path.join(run_dir, kind, "data"), ignore_errors=True)
    write_result(a, result, stamp)


# ----------------------------------------------------------------------------- report
def report(r):
    servers = list(r["servers"])
    lines = ["%d series, %d samples, range %.0f s at step %s, %d timed runs per query (after one warm-up)" % (
        r["series"], r["samples"], r["end"] - r["start"], r["step"], r["repeats"]), ""]
    head = "| query |" + "".join(" %s median ms | %s p90 ms | %s peak RSS +MiB |" % (s, s, s) for s in servers)
    if len(servers) == 2:
        head += " median ratio |"
    lines += [head, "|" + "---|" * (1 + 3 * len(servers) + (1 if len(servers) == 2 else 0))]
    by = {s: {q["query"]: q for q in r["servers"][s]["queries"]} for s in servers}
    for q in [x["query"] for x in r["servers"][servers[0]]["queries"]]:
        row = "| `%s` |" % q
        for s in servers:
            x = by[s].get(q, {})
            peak = x.get("peak_rss_delta_bytes")
            row += " %s | %s | %s |" % (x.get("median_ms"), x.get("p90_ms"), None if peak is None else round(peak / 2**20, 1))
        if len(servers) == 2:
            m0, m1 = by[servers[0]].get(q, {}).get("median_ms"), by[servers[1]].get(q, {}).get("median_ms")
            row += " %s |" % (round(m1 / m0, 2) if m0 and m1 else None)
            n0, n1 = by[servers[0]].get(q, {}).get("result_series"), by[servers[1]].get(q, {}).get("result_series")
            if n0 != n1:
                row += " **series differ: %s vs %s** |" % (n0, n1)
        lines.append(row)
    return "\n".join(lines)


def cmd_dump(a):
    dump_openmetrics(os.path.abspath(a.snapshot), a.out)


def cmd_report(a):
    print(report(json.load(open(a.result))))


def timing_args(p, name, timeout):
    """The options `run` and `live` share: what to run, how often, where the result goes."""
    p.add_argument("--name", default=name)
    p.add_argument("--queries", default=os.path.join(SHARED, "queries.txt"))
    p.add_argument("--step", default="15s")
    p.add_argument("--repeats", type=int, default=20)
    p.add_argument("--timeout", type=float, default=timeout)
    p.add_argument("--servers", default="prometheus argus")
    p.add_argument("--results", default=os.path.join(HERE, "results"))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("data")
    d.add_argument("--config", default=os.path.join(SHARED, "configs", "a-100k.env"))
    d.add_argument("--name", default="querydata")
    d.add_argument("--duration-min", type=float, default=None, help="override the config's DURATION_MIN")
    r = sub.add_parser("run")
    r.add_argument("--data", required=True, help="the OpenMetrics file printed by `data` (with its .json summary beside it)")
    timing_args(r, "query", 120)
    r.add_argument("--keep-data", action="store_true")
    v = sub.add_parser("live", help="query servers on data dirs they scraped themselves (no backfill)")
    v.add_argument("--prometheus-data", required=True)
    v.add_argument("--argus-data", required=True)
    v.add_argument("--end", type=float, required=True, help="unix seconds: end of the query range")
    v.add_argument("--range", default="10m", help="query range before --end (the shared harness queries its 10-minute run)")
    v.add_argument("--series", type=int, default=0, help="series in the data, for the report")
    timing_args(v, "query-live", 300)
    u = sub.add_parser("dump", help="only the OpenMetrics rewrite of an existing snapshot dir")
    u.add_argument("--snapshot", required=True)
    u.add_argument("--out", required=True)
    s = sub.add_parser("report")
    s.add_argument("result")
    a = p.parse_args()
    {"data": cmd_data, "dump": cmd_dump, "run": cmd_run, "live": cmd_live, "report": cmd_report}[a.cmd](a)


if __name__ == "__main__":
    main()
