#!/usr/bin/env python3
"""Load and fault runs too long for the test suite (stdlib only). See docs/faults.md and docs/benchmarks.md.

  query  Query load while ingestion runs: synthetic targets (../../../shared/bench/targets.py) are scraped every
         --interval seconds while /api/v1/query_range runs the dashboard queries (../../../shared/bench/queries.txt)
         at increasing concurrency (level 0: no queries, the control); every --heavy-every'th request of a client is --heavy-query at --heavy-step,
         which must exceed --query.max-samples and be refused (422). Per level: throughput, p50/p99 latency, answers by status and
         Prometheus error type, peak RSS and peak cgroup memory, OOM kills, and whether every target was scraped on its
         interval (the gaps between the raw timestamps of up{job="load"}, scrape_duration_seconds).
  bomb   Cardinality bomb: a target exposes a few series, suddenly --series (default 2M) new ones per scrape, then a few
         again. Runs Argus twice: with sample_limit (the target's error must say why) and with only
         --storage.tsdb.max-series (the head stays bounded, ArgusSeriesLimitReached fires). A small canary target is
         scraped beside it. Reports peak RSS and cgroup memory, head series, the bomb target's error, the alert, when
         each happened, the time to recover after the bomb stops, and how fast the bomb target itself served its body.

--memory-max (e.g. 1G) runs Argus in a child memory cgroup of this script's own (cgroup v1 or v2, needs root): the
kernel reclaims page cache and OOM-kills at the limit, exactly as in a container, and .NET's GC sizes itself to it.

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
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.path.abspath(os.path.join(ROOT, "..", "shared", "bench"))
MIB = 2**20


def argus_command():
    if os.environ.get("ARGUS_BIN"):
        return [os.environ["ARGUS_BIN"]]
    for cfg in ("Release", "Debug"):
        dll = os.path.join(ROOT, "src", "Argus", "bin", cfg, "net10.0", "argus.dll")
        if os.path.exists(dll):
            return ["dotnet", dll]
    sys.exit("no Argus build found: set ARGUS_BIN or run `dotnet build src/Argus -c Release`")


def parse_size(text):
    units = {"K": 2**10, "M": 2**20, "G": 2**30}
    text = text.strip().upper().rstrip("B").rstrip("I")
    return int(float(text[:-1]) * units[text[-1]]) if text and text[-1] in units else int(text)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(base, path, timeout=60):
    with urllib.request.urlopen(base + path, timeout=timeout) as r:
        return json.load(r)


def instant(base, query):
    return get_json(base, "/api/v1/query?query=" + urllib.parse.quote(query))["data"]["result"]


def scalar(base, query):
    res = instant(base, query)
    return float(res[0]["value"][1]) if res else float("nan")


def proc_status(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    return 0


def cpu_seconds(pid):
    """utime + stime of a process (fields 14 and 15 of /proc/PID/stat, after the parenthesized name)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class MemoryCgroup:
    """A child of this script's own memory cgroup with a hard limit. Only Argus is moved into it."""

    def __init__(self, limit_bytes, name):
        self.limit = limit_bytes
        lines = [l.strip().split(":", 2) for l in open("/proc/self/cgroup")]
        v1 = next((path for _, ctrl, path in lines if "memory" in ctrl.split(",")), None)
        if v1 is not None:
            self.v2, parent = False, "/sys/fs/cgroup/memory" + v1
        else:
            self.v2, parent = True, "/sys/fs/cgroup" + next(path for hid, _, path in lines if hid == "0")
        self.path = os.path.join(parent, f"{name}-{os.getpid()}")
        os.makedirs(self.path, exist_ok=True)
        if self.v2:
            self._write("memory.max", str(limit_bytes))
            self._write("memory.swap.max", "0", optional=True)
        else:
            self._write("memory.limit_in_bytes", str(limit_bytes))
        if int(self._read("memory.max" if self.v2 else "memory.limit_in_bytes").replace("max", "-1")) != limit_bytes:
            raise OSError(f"{self.path}: the memory limit did not take")

    def _write(self, name, value, optional=False):
        try:
            with open(os.path.join(self.path, name), "w") as f:
                f.write(value)
        except OSError:
            if not optional:
                raise

    def _read(self, name):
        with open(os.path.join(self.path, name)) as f:
            return f.read().strip()

    def enter(self):
        """preexec_fn of the child: moves the child itself into the cgroup before it execs Argus."""
        with open(os.path.join(self.path, "cgroup.procs"), "w") as f:
            f.write(str(os.getpid()))

    def peak(self):
        try:
            return int(self._read("memory.peak" if self.v2 else "memory.max_usage_in_bytes"))
        except OSError:
            return 0

    def reset_peak(self):
        self._write("memory.peak" if self.v2 else "memory.max_usage_in_bytes", "0", optional=True)

    def oom_kills(self):
        text = self._read("memory.events" if self.v2 else "memory.oom_control")
        return next((int(l.split()[1]) for l in text.splitlines() if l.startswith("oom_kill ")), 0)

    def limit_hits(self):
        """How often usage reached the limit (v1 failcnt; v2 the max event): each one made the kernel reclaim."""
        if self.v2:
            return next((int(l.split()[1]) for l in self._read("memory.events").splitlines() if l.startswith("max ")), 0)
        return int(self._read("memory.failcnt"))

    def remove(self):
        for _ in range(20):
            try:
                os.rmdir(self.path)
                return
            except OSError:
                time.sleep(0.5)


class Sampler(threading.Thread):
    """Peak RSS of Argus every 250 ms (the cgroup's own peak is exact; this one can miss a short spike)."""

    def __init__(self, pid, cgroup):
        super().__init__(daemon=True)
        self.pid, self.cgroup, self.peak, self.stop = pid, cgroup, 0, threading.Event()

    def run(self):
        while not self.stop.is_set():
            try:
                self.peak = max(self.peak, proc_status(self.pid, "VmRSS"))
            except OSError:
                return
            time.sleep(0.25)

    def take(self):
        """(peak RSS, peak cgroup usage) since the last take."""
        rss, self.peak = self.peak, 0
        cg = 0
        if self.cgroup:
            cg = self.cgroup.peak()
            self.cgroup.reset_peak()
        return rss, cg


class Argus:
    def __init__(self, workdir, config_text, flags, memory_max, name):
        self.workdir = workdir
        self.cgroup = MemoryCgroup(memory_max, name) if memory_max else None
        port = free_port()
        cfg = os.path.join(workdir, "prometheus.yml")
        with open(cfg, "w") as f:
            f.write(config_text.replace("$ARGUS", f"127.0.0.1:{port}"))
        self.log = open(os.path.join(workdir, "argus.log"), "w")
        self.p = subprocess.Popen(argus_command() + [f"--config.file={cfg}", f"--storage.tsdb.path={workdir}/data",
                                                     f"--web.listen-address=127.0.0.1:{port}"] + flags,
                                  stdout=self.log, stderr=subprocess.STDOUT,
                                  preexec_fn=self.cgroup.enter if self.cgroup else None)
        self.base = f"http://127.0.0.1:{port}"
        for _ in range(240):
            try:
                with urllib.request.urlopen(self.base + "/-/ready", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if self.p.poll() is not None:
                sys.exit(f"argus exited with {self.p.returncode}; see {workdir}/argus.log")
            time.sleep(0.5)
        else:
            self.p.kill()
            sys.exit("argus did not become ready in 120s")
        self.sampler = Sampler(self.p.pid, self.cgroup)
        self.sampler.start()

    def alive(self):
        return self.p.poll() is None

    def cpu(self):
        try:
            return cpu_seconds(self.p.pid)
        except OSError:
            return float("nan")

    def death(self):
        """Why Argus is gone: its exit code (-9: killed, as by the OOM killer), the cgroup's OOM kills, its last log lines."""
        self.log.flush()
        with open(os.path.join(self.workdir, "argus.log"), errors="replace") as f:
            tail = f.read()[-3000:]
        out = {"exit_code": self.p.returncode, "log_tail": tail}
        if self.cgroup:
            out["oom_kills"] = self.cgroup.oom_kills()
        return out

    def stop(self):
        self.sampler.stop.set()
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGTERM)
            try:
                self.p.wait(60)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()
        self.log.close()
        if self.cgroup:
            self.cgroup.remove()

    def memory(self):
        """Peak RSS and cgroup usage since the last call, and the cgroup's OOM kills and limit hits so far."""
        rss, cg = self.sampler.take()
        out = {"peak_rss_mib": round(rss / MIB, 1)}
        if self.cgroup:
            out.update(peak_cgroup_mib=round(cg / MIB, 1), oom_kills=self.cgroup.oom_kills(),
                       limit_hits=self.cgroup.limit_hits())
        return out


def percentile(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def scrape_regularity(base, job, interval, since, targets):
    """Per target of job, the raw timestamps of up since `since`: the fewest scrapes, the largest gap between two
    consecutive scrapes, and how many gaps exceeded 1.5 intervals (a late or missed scrape); plus the slowest scrape."""
    span = int(time.time() - since) + 1
    series = instant(base, f'up{{job="{job}"}}[{span}s]')
    counts, max_gap, late, down = [], 0.0, 0, 0
    for s in series:
        ts = [float(t) for t, _ in s["values"]]
        down += sum(1 for _, v in s["values"] if v != "1")
        counts.append(len(ts))
        for a, b in zip(ts, ts[1:]):
            max_gap = max(max_gap, b - a)
            late += (b - a) > 1.5 * interval
    slowest = scalar(base, f'max(max_over_time(scrape_duration_seconds{{job="{job}"}}[{span}s]))')
    return {"targets_without_scrapes": targets - len(series), "scrapes_min": min(counts, default=0), "scrapes_expected": round((span - 1) / interval, 1),
            "max_gap_s": round(max_gap, 2), "late_scrapes": late, "down_samples": down,
            "max_scrape_duration_s": round(slowest, 3)}


def post_query(base, q, window, step, timeout):
    end = time.time()
    body = urllib.parse.urlencode({"query": q, "start": end - window, "end": end, "step": step}).encode()
    t0 = time.perf_counter()
    kind = ""
    try:
        with urllib.request.urlopen(base + "/api/v1/query_range", data=body, timeout=timeout) as r:
            r.read()
            code = r.status
    except urllib.error.HTTPError as e:
        code = e.code
        try:
            err = json.loads(e.read())
            kind = f"{err.get('errorType')}: {err.get('error', '')[:90]}"
        except (ValueError, OSError):
            kind = "unreadable error body"
    except OSError as e:
        code, kind = 0, f"client: {type(e).__name__} {str(e)[:60]}"
    return code, kind, time.perf_counter() - t0


def run_query(args):
    queries = [l.strip() for l in open(os.path.join(SHARED, "queries.txt")) if l.strip() and not l.startswith("#")]
    workdir = tempfile.mkdtemp(prefix="argus-load-")
    base_port = free_port() + 1000
    targets = subprocess.Popen([sys.executable, os.path.join(SHARED, "targets.py"), "--targets", str(args.targets),
                                "--series", str(args.series), "--base-port", str(base_port),
                                "--refresh", str(args.interval / 2)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    job_targets = ", ".join(f"'127.0.0.1:{base_port + i}'" for i in range(args.targets))
    config = (f"global: {{scrape_interval: {args.interval}s, scrape_timeout: {args.interval}s, evaluation_interval: 15s}}\n"
              f"scrape_configs:\n- job_name: argus\n  static_configs: [{{targets: ['$ARGUS']}}]\n"
              f"- job_name: load\n  static_configs: [{{targets: [{job_targets}]}}]\n")
    flags = [f"--query.max-samples={args.max_samples}", f"--query.max-concurrency={args.max_concurrency}",
             f"--query.timeout={args.query_timeout}s"]
    argus = Argus(workdir, config, flags, args.memory_max, "argus-qload")
    levels, ingestion = [], None
    try:
        print(f"warming up {args.warmup}s: {args.targets} targets x {args.series} series every {args.interval}s", file=sys.stderr)
        time.sleep(args.warmup)
        head_series = scalar(argus.base, "argus_tsdb_head_series")
        run_start = time.time()
        for conc in [int(c) for c in args.concurrency.split(",")]:
            results, lock, deadline = {"dashboard": [], "heavy": []}, threading.Lock(), time.time() + args.duration

            def worker(i):
                n = 0
                while time.time() < deadline and argus.alive():
                    n += 1
                    heavy = args.heavy_every > 0 and (n + i) % args.heavy_every == 0
                    q = args.heavy_query if heavy else queries[(n * conc + i) % len(queries)]
                    r = post_query(argus.base, q, args.window, args.heavy_step if heavy else args.step, args.query_timeout + 30)
                    with lock:
                        results["heavy" if heavy else "dashboard"].append(r)

            argus.memory()
            client0, argus0, level_start = os.times(), argus.cpu(), time.time()
            threads = [threading.Thread(target=worker, args=(i,)) for i in range(conc)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            if conc == 0:
                time.sleep(args.duration)   # the control level: ingestion alone, at the same machine load
            elapsed = time.time() - level_start
            client1, argus1 = os.times(), argus.cpu()
            level = {"concurrency": conc, "seconds": round(elapsed, 1), "load_average_1m": os.getloadavg()[0]}
            for cls, rs in results.items():
                ok = [dt for code, _, dt in rs if code == 200]
                answers = {}
                for code, kind, _ in rs:
                    key = f"{code} {kind}".strip()
                    answers[key] = answers.get(key, 0) + 1
                level[cls] = {"requests": len(rs), "ok": len(ok), "ok_per_s": round(len(ok) / elapsed, 2),
                              "p50_ms": round(percentile(ok, 0.5) * 1000, 1), "p99_ms": round(percentile(ok, 0.99) * 1000, 1),
                              "max_ms": round(max((dt for _, _, dt in rs), default=0) * 1000, 1), "answers": answers}
            level.update(argus.memory())
            level["argus_cpu_cores"] = round((argus1 - argus0) / elapsed, 2)
            level["client_cpu_cores"] = round((client1.user + client1.system - client0.user - client0.system) / elapsed, 2)
            level["alive"] = argus.alive()
            if level["alive"]:
                level["scrapes"] = scrape_regularity(argus.base, "load", args.interval, level_start, args.targets)
            else:
                level["death"] = argus.death()
            levels.append(level)
            print(json.dumps(level), file=sys.stderr)
            if not level["alive"]:
                break
        if argus.alive():
            ingestion = scrape_regularity(argus.base, "load", args.interval, run_start, args.targets)
            ingestion["head_series"] = head_series
    finally:
        argus.stop()
        targets.terminate()
        targets.wait()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    result = {"kind": "query", "args": vars(args), "levels": levels, "ingestion_whole_run": ingestion}
    print("| clients | dashboard q/s | p50 ms | p99 ms | dashboard non-200 | heavy: 422 / other | peak RSS MiB | peak cgroup MiB "
          "| OOM kills | max scrape gap s (interval) | late scrapes | slowest scrape s | load avg |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for l in levels:
        d, h = l["dashboard"], l["heavy"]
        h422 = sum(v for k, v in h["answers"].items() if k.startswith("422"))
        sc = l.get("scrapes", {})
        print(f"| {l['concurrency']} | {d['ok_per_s']:.1f} | {d['p50_ms']:.0f} | {d['p99_ms']:.0f} | {d['requests'] - d['ok']} | "
              f"{h422} / {h['requests'] - h422} | {l['peak_rss_mib']:.0f} | {l.get('peak_cgroup_mib', 0):.0f} | "
              f"{l.get('oom_kills', '-')} | {sc.get('max_gap_s', '-')} ({args.interval}) | {sc.get('late_scrapes', '-')} | "
              f"{sc.get('max_scrape_duration_s', '-')} | {l['load_average_1m']:.1f} |")
    return result


class BombTarget:
    """Serves `calm` series, or after arm() `series` new ones, from bodies rendered once up front, so the target costs
    one socket write per scrape and cannot be what limits the run; each serve is timed."""

    def __init__(self, series, calm=100):
        t0 = time.perf_counter()
        lines = [f'bomb_series{{shard="{i % 16}",id="{i}"}} {i}\n' for i in range(series)]
        self.bomb = "".join(lines).encode()
        self.calm = "".join(lines[:calm]).encode()
        del lines
        self.render_s = time.perf_counter() - t0
        self.armed = False
        self.serves = []   # (body bytes, seconds to write it, completed)
        target = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = target.bomb if target.armed else target.calm
                t0 = time.perf_counter()
                done = False
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain; version=0.0.4")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    done = True
                except (BrokenPipeError, ConnectionResetError):
                    pass
                target.serves.append((len(body), time.perf_counter() - t0, done))

            def log_message(self, *a):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.address = f"127.0.0.1:{self.server.server_address[1]}"


class CanaryHandler(BaseHTTPRequestHandler):
    body = "".join(f'canary_series{{id="{i}"}} {i}\n' for i in range(50)).encode()

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *a):
        pass


def num(v):
    return "-" if v is None or v != v else f"{v:.0f}"


def bomb_state(argus):
    targets = get_json(argus.base, "/api/v1/targets")["data"]["activeTargets"]
    bomb = next(t for t in targets if t["labels"]["job"] == "bomb")
    firing = sorted(a["labels"]["alertname"] for a in get_json(argus.base, "/api/v1/alerts")["data"]["alerts"]
                    if a["state"] == "firing")
    return {"health": bomb["health"], "error": bomb["lastError"], "firing": firing,
            "head_series": scalar(argus.base, "argus_tsdb_head_series"),
            "refused": scalar(argus.base, 'sum(argus_tsdb_head_samples_rejected_total{reason="series_limit"}) or vector(0)')}


def run_bomb(args):
    target = BombTarget(args.series)
    print(f"bomb bodies rendered in {target.render_s:.1f}s: {len(target.bomb) / MIB:.0f} MiB for {args.series} series",
          file=sys.stderr)
    canary = ThreadingHTTPServer(("127.0.0.1", 0), CanaryHandler)
    threading.Thread(target=canary.serve_forever, daemon=True).start()
    runs = []
    for name, limit_line, flags in [("sample_limit", f"  sample_limit: {args.sample_limit}\n", []),
                                    ("max-series", "", [f"--storage.tsdb.max-series={args.max_series}"])]:
        if name not in args.runs.split(","):
            continue
        workdir = tempfile.mkdtemp(prefix="argus-bomb-")
        config = (f"global: {{scrape_interval: {args.interval}s, scrape_timeout: {args.interval}s, evaluation_interval: 5s}}\n"
                  f"scrape_configs:\n- job_name: argus\n  static_configs: [{{targets: ['$ARGUS']}}]\n"
                  f"- job_name: canary\n  scrape_interval: 5s\n  scrape_timeout: 5s\n"
                  f"  static_configs: [{{targets: ['127.0.0.1:{canary.server_address[1]}']}}]\n"
                  f"- job_name: bomb\n{limit_line}  static_configs: [{{targets: ['{target.address}']}}]\n")
        target.armed, target.serves = False, []
        argus = Argus(workdir, config, ["--rules.builtin=true"] + flags, args.memory_max, "argus-bomb")
        run = {"run": name, "load_average_1m_start": os.getloadavg()[0]}
        timeline = []
        try:
            time.sleep(args.calm)
            calm = bomb_state(argus)
            run["head_series_before"] = calm["head_series"]
            argus.memory()
            armed_at, target.armed = time.time(), True
            first_error = first_alert = None
            peak_head = 0.0
            while time.time() < armed_at + args.duration and argus.alive():
                time.sleep(2)
                try:
                    s = bomb_state(argus)
                except OSError:
                    continue
                now = time.time() - armed_at
                timeline.append({"t": round(now, 1), **s})
                peak_head = max(peak_head, s["head_series"])
                if first_error is None and s["error"]:
                    first_error = (round(now, 1), s["error"])
                if first_alert is None and "ArgusSeriesLimitReached" in s["firing"]:
                    first_alert = round(now, 1)
            during = bomb_state(argus) if argus.alive() else {}
            run.update(alive_during_bomb=argus.alive(), **{k + "_during_bomb": v for k, v in argus.memory().items()})
            run.update(head_series_peak=peak_head, refused_samples=during.get("refused"),
                       bomb_error=first_error[1] if first_error else during.get("error"),
                       error_after_s=first_error[0] if first_error else None,
                       firing_during_bomb=during.get("firing"), alert_after_s=first_alert,
                       canary_during_bomb=scrape_regularity(argus.base, "canary", 5, armed_at, 1) if argus.alive() else None)
            # Defused: the target goes back to the first few of the same series; how long until all is well again.
            defused_at, target.armed = time.time(), False
            up_again = alert_gone = None
            refused_at_defuse = during.get("refused", 0)
            while time.time() < defused_at + args.recover and argus.alive():
                time.sleep(2)
                try:
                    s = bomb_state(argus)
                except OSError:
                    continue
                now = round(time.time() - defused_at, 1)
                timeline.append({"t": round(time.time() - armed_at, 1), **s})
                if up_again is None and s["health"] == "up" and not s["error"]:
                    up_again = now
                if first_alert is not None and alert_gone is None and "ArgusSeriesLimitReached" not in s["firing"]:
                    alert_gone = now
                if up_again is not None and (first_alert is None or alert_gone is not None):
                    break
            after = bomb_state(argus) if argus.alive() else {}
            run.update(alive=argus.alive(), up_again_after_s=up_again, alert_resolved_after_s=alert_gone,
                       refused_after_defuse=(after.get("refused", 0) - refused_at_defuse) if after else None,
                       head_series_after=after.get("head_series"),
                       **{k + "_after": v for k, v in argus.memory().items()},
                       load_average_1m_end=os.getloadavg()[0])
            served = [(n, dt, done) for n, dt, done in target.serves if n == len(target.bomb)]
            run["bomb_serves"] = {"count": len(served), "completed": sum(1 for _, _, d in served if d),
                                  "max_seconds": round(max((dt for _, dt, _ in served), default=0), 2),
                                  "mib_per_s": round(sum(n for n, _, _ in served) / MIB /
                                                     max(sum(dt for _, dt, _ in served), 1e-9), 1)}
            run["timeline"] = timeline
            if not argus.alive():
                run["death"] = argus.death()
        finally:
            argus.stop()
            if not args.keep:
                shutil.rmtree(workdir, ignore_errors=True)
        runs.append(run)
        print(json.dumps({k: v for k, v in run.items() if k != "timeline"}), file=sys.stderr)
    target.server.shutdown()
    canary.shutdown()
    print("| run | alive | peak RSS MiB | peak cgroup MiB | OOM kills | head series (before / peak / after) | refused samples "
          "| bomb target error (after s) | alert firing after s | canary max gap s (late) | recovered after s: up / alert resolved "
          "| load avg |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in runs:
        c = r.get("canary_during_bomb") or {}
        print(f"| {r['run']} | {r['alive']} | {num(r['peak_rss_mib_during_bomb'])} | {num(r.get('peak_cgroup_mib_during_bomb'))} | "
              f"{r.get('oom_kills_after', r.get('death', {}).get('oom_kills', '-'))} | {num(r['head_series_before'])} / "
              f"{num(r['head_series_peak'])} / {num(r.get('head_series_after'))} | {num(r['refused_samples'])} | "
              f"{r['bomb_error']} ({r['error_after_s']}) | "
              f"{r['alert_after_s']} | {c.get('max_gap_s')} ({c.get('late_scrapes')}) | "
              f"{r['up_again_after_s']} / {r['alert_resolved_after_s']} | "
              f"{r['load_average_1m_start']:.1f}-{r['load_average_1m_end']:.1f} |")
    return {"kind": "bomb", "args": vars(args), "render_seconds": round(target.render_s, 2),
            "bomb_body_mib": round(len(target.bomb) / MIB, 1), "runs": runs}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    q = sub.add_parser("query")
    q.add_argument("--targets", type=int, default=20)
    q.add_argument("--series", type=int, default=2000)
    q.add_argument("--interval", type=int, default=5)
    q.add_argument("--warmup", type=int, default=120, help="seconds of ingestion before the first level")
    q.add_argument("--duration", type=int, default=30, help="seconds per concurrency level")
    q.add_argument("--concurrency", default="0,1,2,4,8,16,32", help="clients per level; 0 = ingestion alone (control)")
    q.add_argument("--window", type=int, default=3600, help="query_range span in seconds")
    q.add_argument("--step", type=int, default=15)
    q.add_argument("--heavy-query", default='{job="load"}',
                   help="a query that must exceed --max-samples: 40k series at --heavy-step over the minutes with data")
    q.add_argument("--heavy-step", type=int, default=1, help="step of the heavy query (Grafana's Explore at full resolution)")
    q.add_argument("--heavy-every", type=int, default=10, help="every Nth request of a client is the heavy one (0: never)")
    q.add_argument("--max-samples", type=int, default=5_000_000)
    q.add_argument("--max-concurrency", type=int, default=8)
    q.add_argument("--query-timeout", type=int, default=30, help="--query.timeout in seconds (Grafana's data proxy default)")
    q.add_argument("--memory-max", type=parse_size, default=0, help="cgroup memory limit for Argus, e.g. 1G (root)")
    q.add_argument("--keep", action="store_true")
    b = sub.add_parser("bomb")
    b.add_argument("--series", type=int, default=2_000_000)
    b.add_argument("--sample-limit", type=int, default=10_000)
    b.add_argument("--max-series", type=int, default=200_000)
    b.add_argument("--interval", type=int, default=15)
    b.add_argument("--calm", type=int, default=20, help="seconds of a well-behaved target before the bomb")
    b.add_argument("--duration", type=int, default=90, help="seconds the bomb lasts in each run")
    b.add_argument("--recover", type=int, default=420,
                   help="at most this many seconds to wait for recovery (the alert looks back 5m)")
    b.add_argument("--memory-max", type=parse_size, default=0, help="cgroup memory limit for Argus, e.g. 2G (root)")
    b.add_argument("--runs", default="sample_limit,max-series", help="which of the two runs to make")
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
