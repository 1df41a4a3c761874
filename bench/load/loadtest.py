#!/usr/bin/env python3
"""Load and fault runs too long for the test suite (stdlib only). See docs/faults.md.

  query  Query load while ingestion runs: synthetic targets (../../../shared/bench/targets.py) are scraped every
         --interval seconds while /api/v1/query_range runs the dashboard queries (../../../shared/bench/queries.txt)
         at increasing concurrency. Per level: throughput, p50/p99 latency, rejected queries (4xx/503), Argus's peak
         resident memory, and whether every target was still scraped on time (count_over_time(up[...]) per target).
  bomb   Cardinality bomb: one target streams --series (default 2M) new series per scrape. Runs Argus twice:
         with sample_limit (the target's error must say why) and with only --storage.tsdb.max-series (the head stays
         bounded, ArgusSeriesLimitReached fires); reports peak RSS and head series of each.

Argus: $ARGUS_BIN (a published `argus`), else `dotnet src/Argus/bin/Release/net10.0/argus.dll`, else the Debug build.
Results: bench/load/results/<kind>-<UTC stamp>.json, and a Markdown table on stdout for docs/benchmarks.md.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.path.abspath(os.path.join(ROOT, "..", "shared", "bench"))


def argus_command():
    if os.environ.get("ARGUS_BIN"):
        return [os.environ["ARGUS_BIN"]]
    for cfg in ("Release", "Debug"):
        dll = os.path.join(ROOT, "src", "Argus", "bin", cfg, "net10.0", "argus.dll")
        if os.path.exists(dll):
            return ["dotnet", dll]
    sys.exit("no Argus build found: set ARGUS_BIN or run `dotnet build src/Argus -c Release`")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(base, path, timeout=30):
    with urllib.request.urlopen(base + path, timeout=timeout) as r:
        return json.load(r)


def scalar(base, query):
    res = get_json(base, "/api/v1/query?query=" + urllib.parse.quote(query))["data"]["result"]
    return float(res[0]["value"][1]) if res else float("nan")


def rss_bytes(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


class RssSampler(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.stop = pid, 0, threading.Event()

    def run(self):
        while not self.stop.is_set():
            try:
                self.peak = max(self.peak, rss_bytes(self.pid))
            except OSError:
                return
            time.sleep(0.25)

    def take(self):
        peak, self.peak = self.peak, 0
        return peak


def start_argus(workdir, config_text, flags):
    port = free_port()
    cfg = os.path.join(workdir, "prometheus.yml")
    with open(cfg, "w") as f:
        f.write(config_text.replace("$ARGUS", f"127.0.0.1:{port}"))
    log = open(os.path.join(workdir, "argus.log"), "w")
    p = subprocess.Popen(argus_command() + [f"--config.file={cfg}", f"--storage.tsdb.path={workdir}/data",
                                            f"--web.listen-address=127.0.0.1:{port}"] + flags,
                         stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            with urllib.request.urlopen(base + "/-/ready", timeout=2) as r:
                if r.status == 200:
                    return p, base
        except OSError:
            pass
        if p.poll() is not None:
            sys.exit(f"argus exited with {p.returncode}; see {workdir}/argus.log")
        time.sleep(0.5)
    p.kill()
    sys.exit("argus did not become ready in 60s")


def stop(p):
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(30)
        except subprocess.TimeoutExpired:
            p.kill()


def percentile(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def run_query(args):
    queries = [l.strip() for l in open(os.path.join(SHARED, "queries.txt")) if l.strip() and not l.startswith("#")]
    workdir = tempfile.mkdtemp(prefix="argus-load-")
    base_port = free_port() + 1000
    targets = subprocess.Popen([sys.executable, os.path.join(SHARED, "targets.py"), "--targets", str(args.targets),
                                "--series", str(args.series), "--base-port", str(base_port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    job_targets = ", ".join(f"'127.0.0.1:{base_port + i}'" for i in range(args.targets))
    config = (f"global: {{scrape_interval: {args.interval}s, scrape_timeout: {args.interval}s, evaluation_interval: 15s}}\n"
              f"scrape_configs:\n- job_name: argus\n  static_configs: [{{targets: ['$ARGUS']}}]\n"
              f"- job_name: load\n  static_configs: [{{targets: [{job_targets}]}}]\n")
    p, base = start_argus(workdir, config, [f"--query.max-samples={args.max_samples}",
                                             f"--query.max-concurrency={args.max_concurrency}"])
    sampler = RssSampler(p.pid)
    sampler.start()
    levels = []
    try:
        print(f"warming up {args.warmup}s: {args.targets} targets x {args.series} series every {args.interval}s", file=sys.stderr)
        time.sleep(args.warmup)
        for conc in [int(c) for c in args.concurrency.split(",")]:
            lat, codes, lock, deadline = [], {}, threading.Lock(), time.time() + args.duration
            level_start = time.time()
            sampler.take()

            def worker(i):
                n = i
                while time.time() < deadline:
                    q = queries[n % len(queries)]
                    n += conc
                    end = time.time()
                    body = urllib.parse.urlencode({"query": q, "start": end - args.window, "end": end, "step": args.step}).encode()
                    t0 = time.perf_counter()
                    try:
                        with urllib.request.urlopen(base + "/api/v1/query_range", data=body, timeout=120) as r:
                            r.read()
                            code = r.status
                    except urllib.error.HTTPError as e:
                        code = e.code
                    except OSError:
                        code = 0
                    dt = time.perf_counter() - t0
                    with lock:
                        codes[code] = codes.get(code, 0) + 1
                        if code == 200:
                            lat.append(dt)

            threads = [threading.Thread(target=worker, args=(i,)) for i in range(conc)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.time() - level_start
            span = max(int(elapsed), args.interval * 2)
            expected = span / args.interval
            scraped = scalar(base, f"min(count_over_time(up{{job=\"load\"}}[{span}s]))")
            level = {"concurrency": conc, "requests": sum(codes.values()), "ok": len(lat), "codes": codes,
                     "throughput_qps": len(lat) / elapsed, "p50_ms": percentile(lat, 0.5) * 1000,
                     "p99_ms": percentile(lat, 0.99) * 1000, "peak_rss_mib": sampler.take() / 2**20,
                     "scrapes_per_target_min": scraped, "scrapes_expected": expected, "alive": p.poll() is None}
            levels.append(level)
            print(json.dumps(level), file=sys.stderr)
            if p.poll() is not None:
                break
    finally:
        sampler.stop.set()
        stop(p)
        targets.terminate()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    result = {"kind": "query", "args": vars(args), "levels": levels}
    print("| concurrency | q/s | p50 ms | p99 ms | non-200 | peak RSS MiB | scrapes/target (expected) |")
    print("|---|---|---|---|---|---|---|")
    for l in levels:
        bad = sum(v for k, v in l["codes"].items() if k != 200)
        print(f"| {l['concurrency']} | {l['throughput_qps']:.1f} | {l['p50_ms']:.0f} | {l['p99_ms']:.0f} | {bad} | "
              f"{l['peak_rss_mib']:.0f} | {l['scrapes_per_target_min']:.0f} ({l['scrapes_expected']:.0f}) |")
    return result


class BombHandler(BaseHTTPRequestHandler):
    series = 2_000_000

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.end_headers()
        chunk = []
        try:
            for i in range(self.series):
                chunk.append(f'bomb_series{{shard="{i % 16}",id="{i}"}} {i}\n')
                if len(chunk) == 4096:
                    self.wfile.write("".join(chunk).encode())
                    chunk.clear()
            self.wfile.write("".join(chunk).encode())
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *a):
        pass


def run_bomb(args):
    BombHandler.series = args.series
    server = ThreadingHTTPServer(("127.0.0.1", 0), BombHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    bomb = f"127.0.0.1:{server.server_address[1]}"
    runs = []
    for name, limit_line, flags in [("sample_limit", "  sample_limit: 10000\n", []),
                                    ("max-series", "", [f"--storage.tsdb.max-series={args.max_series}"])]:
        workdir = tempfile.mkdtemp(prefix="argus-bomb-")
        config = (f"global: {{scrape_interval: {args.interval}s, scrape_timeout: {args.interval}s, evaluation_interval: 5s}}\n"
                  f"scrape_configs:\n- job_name: argus\n  static_configs: [{{targets: ['$ARGUS']}}]\n"
                  f"- job_name: bomb\n{limit_line}  static_configs: [{{targets: ['{bomb}']}}]\n")
        p, base = start_argus(workdir, config, ["--rules.builtin=true"] + flags)
        sampler = RssSampler(p.pid)
        sampler.start()
        try:
            time.sleep(args.duration)
            targets = get_json(base, "/api/v1/targets")["data"]["activeTargets"]
            alerts = [a["labels"]["alertname"] for a in get_json(base, "/api/v1/alerts")["data"]["alerts"] if a["state"] == "firing"]
            run = {"run": name, "alive": p.poll() is None, "peak_rss_mib": sampler.peak / 2**20,
                   "head_series": scalar(base, "argus_tsdb_head_series"),
                   "rejected_series_limit": scalar(base, "sum(argus_tsdb_head_samples_rejected_total{reason=\"series_limit\"})"),
                   "bomb_error": next((t["lastError"] for t in targets if t["labels"]["job"] == "bomb"), None),
                   "firing": alerts}
        finally:
            sampler.stop.set()
            stop(p)
            if not args.keep:
                shutil.rmtree(workdir, ignore_errors=True)
        runs.append(run)
        print(json.dumps(run), file=sys.stderr)
    server.shutdown()
    print("| run | alive | peak RSS MiB | head series | refused samples | bomb target error | firing |")
    print("|---|---|---|---|---|---|---|")
    for r in runs:
        print(f"| {r['run']} | {r['alive']} | {r['peak_rss_mib']:.0f} | {r['head_series']:.0f} | {r['rejected_series_limit']:.0f} | "
              f"{r['bomb_error']} | {', '.join(r['firing'])} |")
    return {"kind": "bomb", "args": vars(args), "runs": runs}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    q = sub.add_parser("query")
    q.add_argument("--targets", type=int, default=20)
    q.add_argument("--series", type=int, default=2000)
    q.add_argument("--interval", type=int, default=5)
    q.add_argument("--warmup", type=int, default=120, help="seconds of ingestion before the first level")
    q.add_argument("--duration", type=int, default=30, help="seconds per concurrency level")
    q.add_argument("--concurrency", default="1,2,4,8,16,32")
    q.add_argument("--window", type=int, default=3600, help="query_range span in seconds")
    q.add_argument("--step", type=int, default=15)
    q.add_argument("--max-samples", type=int, default=5_000_000)
    q.add_argument("--max-concurrency", type=int, default=8)
    q.add_argument("--keep", action="store_true")
    b = sub.add_parser("bomb")
    b.add_argument("--series", type=int, default=2_000_000)
    b.add_argument("--max-series", type=int, default=200_000)
    b.add_argument("--interval", type=int, default=15)
    b.add_argument("--duration", type=int, default=90, help="seconds each run lasts")
    b.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    result = run_query(args) if args.cmd == "query" else run_bomb(args)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    out = os.path.join(os.path.dirname(__file__), "results", f"{args.cmd}-{stamp}.json")
    with open(out, "w") as f:
        json.dump(result, f, indent=1)
    print(f"\nresult: {os.path.relpath(out, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
