#!/usr/bin/env python3
"""Side-by-side benchmark: Debian's Prometheus 2.42 and Argus on the same synthetic load, one after the other.

Uses only /metrics (prometheus_tsdb_head_series, prometheus_tsdb_head_samples_appended_total), /api/v1/targets,
/-/ready and /proc, so it needs no PromQL. The load generator and helpers are ../shared/bench/targets.py and
benchctl.py, used in place (SHARED_BENCH overrides the path). Every loop is bounded in time; only the PIDs started
here are signalled. Each command writes one JSON file (both servers + ratios argus/prometheus) and prints a RESULT line.

  sbs.py steady   --name a-100k --targets 50 --series 2000 --interval 15s --duration 300 --churn 0.05 --churn-every 5
  sbs.py restart  --name r-200k --targets 100 --series 2000 --interval 30s --duration 600
  sbs.py ceiling  --steps "6000 9000 12000 16000" --targets 100 --interval 1s --step-duration 80
  sbs.py blocks   --targets 5 --series 2000 --samples 480 --step 15

Environment: ARGUS_BIN (default /tmp/argus-bin/argus), PROMETHEUS_BIN, PROMTOOL_BIN, WORK_ROOT (run dirs, default
/tmp/argus-sbs), SERVERS ("prometheus argus": order and selection), TARGETGEN_BIN (the C# generator used by
--generator csharp; default /tmp/argus-targetgen/argus-targetgen, published from bench/Argus.TargetGen when missing).
"""
import argparse
import datetime
import json
import os
import platform
import resource
import signal
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import omgen  # noqa: E402

SHARED = omgen.shared_bench_dir()
sys.path.insert(0, SHARED)
import benchctl  # noqa: E402  (shared helpers: /proc readers, /metrics parser, du, generator stats)

PY = sys.executable
ARGUS_BIN = os.environ.get("ARGUS_BIN", "/tmp/argus-bin/argus")
PROMETHEUS_BIN = os.environ.get("PROMETHEUS_BIN", "prometheus")
PROMTOOL_BIN = os.environ.get("PROMTOOL_BIN", "promtool")
TARGETGEN_BIN = os.environ.get("TARGETGEN_BIN", "/tmp/argus-targetgen/argus-targetgen")
REPO = os.path.dirname(os.path.dirname(HERE))
WORK_ROOT = os.environ.get("WORK_ROOT", "/tmp/argus-sbs")
RESULTS_DIR = os.environ.get("RESULTS_DIR", os.path.join(HERE, "results"))
SERVERS = os.environ.get("SERVERS", "prometheus argus").split()
REPORT_SERIES_PER_TARGET = 5   # up, scrape_duration_seconds, scrape_samples_scraped, ..._post_metric_relabeling, scrape_series_added
KEEPUP = 0.95


class Stop(Exception):
    pass


def _on_signal(signum, _frame):
    raise Stop("signal %d" % signum)


def log(msg):
    print("[%s] %s" % (time.strftime("%H:%M:%S"), msg), flush=True)


def stamp():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


# ----------------------------------------------------------------------------- processes
class Proc:
    """A child process started here; stop() signals only this PID (TERM, bounded wait, KILL)."""

    def __init__(self, argv, logfile):
        self.argv = argv
        self.log = open(logfile, "ab")
        self.p = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.pid = self.p.pid
        self.t_start = time.time()

    def alive(self):
        return self.p.poll() is None

    def stop(self, grace=120):
        """Returns (seconds from SIGTERM to exit, exit code, killed)."""
        if not self.alive():
            return 0.0, self.p.returncode, False
        t0 = time.time()
        self.p.send_signal(signal.SIGTERM)
        try:
            rc = self.p.wait(timeout=grace)
            killed = False
        except subprocess.TimeoutExpired:
            self.p.kill()
            rc = self.p.wait(timeout=30)
            killed = True
        self.log.close()
        return round(time.time() - t0, 3), rc, killed


def free_ports(count, extra):
    out = subprocess.run([PY, os.path.join(SHARED, "benchctl.py"), "ports", "--count", str(count), "--extra", str(extra)],
                         capture_output=True, text=True, check=True, timeout=60).stdout.split()
    return [int(x) for x in out]


def server_argv(kind, config, data, port):
    flags = ["--config.file=" + config, "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:%d" % port,
             "--storage.tsdb.retention.time=7d"]
    if kind == "prometheus":
        return [PROMETHEUS_BIN] + flags
    if kind == "argus":
        return [ARGUS_BIN] + flags
    raise SystemExit("unknown server %r" % kind)


def server_version(kind):
    b = PROMETHEUS_BIN if kind == "prometheus" else ARGUS_BIN
    try:
        return subprocess.run([b, "--version"], capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
    except Exception as e:   # a missing binary is reported in the result, the other server still runs
        return "unknown (%s)" % e


def http_status(url, timeout=5):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except Exception:
        return None


def wait_ready(url, proc, timeout, poll=0.1):
    """Seconds until GET url/-/ready == 200, or None (timeout / process died)."""
    t0 = time.time()
    while time.time() - t0 < timeout:
        if not proc.alive():
            return None
        if http_status(url + "/-/ready", timeout=2) == 200:
            return time.time() - t0
        time.sleep(poll)
    return None


def targets_health(url):
    """(up, total, generator targets, [lastScrapeDuration of generator targets...]) from /api/v1/targets, or None.
    Argus also lists its built-in host collector (job "node"); it counts in up/total, not among the generator's."""
    try:
        _, body = benchctl.http(url + "/api/v1/targets?state=active", timeout=10)
        ts = json.loads(body)["data"]["activeTargets"]
    except Exception:
        return None
    gen = [t for t in ts if str(t.get("scrapePool", "")).startswith("k8s-nodes-")]
    return (sum(1 for t in ts if t.get("health") == "up"), len(ts), len(gen),
            [float(t.get("lastScrapeDuration") or 0) for t in gen])


def targetgen_bin():
    """The C# generator (bench/Argus.TargetGen): TARGETGEN_BIN if it exists, else published there once (Release)."""
    if not os.path.exists(TARGETGEN_BIN):
        out = os.path.dirname(TARGETGEN_BIN)
        log("publishing bench/Argus.TargetGen to %s" % out)
        subprocess.run(["dotnet", "publish", os.path.join(REPO, "bench", "Argus.TargetGen"), "-c", "Release", "-o", out],
                       check=True, timeout=900, stdout=subprocess.DEVNULL)
    return TARGETGEN_BIN


def start_generator(run_dir, targets, series, base_port, refresh, churn, churn_every, workers, max_runtime, value_model,
                    generator="python"):
    """Starts the load generator: ../shared/bench/targets.py (python, the default) or bench/Argus.TargetGen (csharp: same
    series shapes and value model, pre-rendered bodies, one process; --workers is ignored). Both write the same stats."""
    gen = os.path.join(run_dir, "gen")
    os.makedirs(gen, exist_ok=True)
    ready = os.path.join(gen, "ready")
    common = ["--targets", str(targets), "--series", str(series),
              "--base-port", str(base_port), "--refresh", str(refresh), "--value-model", value_model,
              "--churn-fraction", str(churn), "--churn-every", str(churn_every), "--workers", str(workers),
              "--stats-dir", gen, "--max-runtime", str(int(max_runtime)), "--ready-file", ready]
    argv = ([targetgen_bin()] if generator == "csharp" else [PY, os.path.join(SHARED, "targets.py")]) + common
    p = Proc(argv, os.path.join(run_dir, "targets.log"))
    t0 = time.time()
    while not os.path.exists(ready):
        if not p.alive() or time.time() - t0 > 600:
            p.stop(10)
            raise SystemExit("generator did not become ready; see %s/targets.log" % run_dir)
        time.sleep(0.5)
    for port in (base_port, base_port + targets - 1):
        while http_status("http://127.0.0.1:%d/metrics" % port, timeout=30) != 200:
            if time.time() - t0 > 600:
                p.stop(10)
                raise SystemExit("generator port %d not serving" % port)
            time.sleep(0.5)
    return p, gen


def write_config(run_dir, targets, base_port, interval, timeout=""):
    cfg = os.path.join(run_dir, "prometheus.yml")
    subprocess.run([PY, os.path.join(SHARED, "benchctl.py"), "genconfig", "--targets", str(targets), "--base-port",
                    str(base_port), "--interval", interval, "--timeout", timeout, "--jobs", "4", "--out", cfg],
                   check=True, timeout=60)
    return cfg


def sample(srv, url, data, gen_dir, t_ready):
    rec = {"t": time.time()}
    pr = benchctl.proc_cpu_rss(srv.pid)
    if pr:
        rec.update({"server_" + k: v for k, v in pr.items()})
    m = benchctl.self_metrics(url)
    rec["head_series"] = m.get("prometheus_tsdb_head_series")
    rec["appended"] = m.get("prometheus_tsdb_head_samples_appended_total")
    rec.update(benchctl.system_cpu())
    g = benchctl.gen_stats(gen_dir)
    rec.update({"gen_" + k: g.get(k) for k in ("series", "scrapes", "samples_served", "cpu_s")})
    ru = resource.getrusage(resource.RUSAGE_SELF)
    rec["driver_cpu_s"] = ru.ru_utime + ru.ru_stime
    th = targets_health(url)
    if th:
        up, total, ngen, durs = th
        durs.sort()
        rec.update(up=up, targets=total, gen_targets=ngen, scrape_dur_p90=benchctl.pct(durs, 90) if durs else None,
                   scrape_dur_max=durs[-1] if durs else None)
    if data:
        rec["disk_alloc"] = benchctl.du(data)[0]
    rec["t_rel"] = round(rec["t"] - t_ready, 2)
    return rec


def slope(samples, key):
    pts = [(s["t"], s[key]) for s in samples if s.get(key) is not None]
    if len(pts) < 2 or pts[-1][0] <= pts[0][0]:
        return None
    return (pts[-1][1] - pts[0][1]) / (pts[-1][0] - pts[0][0])


def r(x, nd=3):
    return None if x is None else round(x, nd)


def half_mean(samples, key):
    vals = [s[key] for s in samples[len(samples) // 2:] if s.get(key)]
    return sum(vals) / len(vals) if vals else None


def summarize(samples, warmup, interval_s, n_targets):
    steady = [s for s in samples if s["t_rel"] >= warmup]
    end = samples[-1] if samples else {}
    app_rate = slope(steady, "appended")
    cpu_rate = slope(steady, "server_cpu_s")
    busy = slope(steady, "sys_cpu_busy_s")
    gen_c = slope(steady, "gen_cpu_s")
    drv = slope(steady, "driver_cpu_s")
    series_exposed = end.get("gen_series")
    expected = (series_exposed + REPORT_SERIES_PER_TARGET * n_targets) / interval_s if series_exposed else None
    scr_rate = slope(steady, "gen_scrapes")
    p90s = sorted(s["scrape_dur_p90"] for s in steady if s.get("scrape_dur_p90") is not None)
    hs = end.get("head_series")
    rss = end.get("server_rss")
    out = dict(
        samples_taken=len(samples), steady_samples=len(steady),
        head_series_end=hs, series_exposed=series_exposed, appended_total_end=end.get("appended"),
        appended_per_s_steady=r(app_rate, 1), expected_per_s=r(expected, 1),
        keepup_ratio=r(app_rate / expected, 4) if app_rate and expected else None,
        gen_scrapes_per_s=r(scr_rate, 3), expected_scrapes_per_s=r(n_targets / interval_s, 3),
        scrape_ratio=r(scr_rate / (n_targets / interval_s), 4) if scr_rate else None,
        targets_up_end=end.get("up"), targets_end=end.get("targets"),
        all_targets_up=(end.get("up") is not None and end.get("up") == end.get("targets") and end.get("gen_targets") == n_targets),
        scrape_duration_p90_median_s=r(benchctl.median(p90s), 4),
        scrape_duration_max_steady_s=r(max((s.get("scrape_dur_max") or 0) for s in steady), 4) if steady else None,
        rss_end_bytes=rss, vmhwm_end_bytes=end.get("server_hwm"),
        # the end point alone is at the mercy of one GC cycle; the mean over the second half of the phase is steadier
        rss_mean_second_half_bytes=r(half_mean(samples, "server_rss"), 0),
        rss_mean_second_half_per_head_series=r(half_mean(samples, "server_rss") / hs, 1) if hs and half_mean(samples, "server_rss") else None,
        rss_bytes_per_head_series=r(rss / hs, 1) if rss and hs else None,
        server_cores_steady=r(cpu_rate), cpu_us_per_sample_steady=r(cpu_rate / app_rate * 1e6, 3) if cpu_rate and app_rate else None,
        server_cpu_s_end=end.get("server_cpu_s"), threads_end=end.get("server_threads"),
        machine_busy_cores_steady=r(busy), generator_cores_steady=r(gen_c), driver_cores_steady=r(drv),
        other_processes_cores_steady=r(busy - (cpu_rate or 0) - (gen_c or 0) - (drv or 0)) if busy else None,
        data_dir_alloc_end_bytes=end.get("disk_alloc"),
    )
    out["keeps_up"] = bool(out["keepup_ratio"] and out["keepup_ratio"] >= KEEPUP and out["scrape_ratio"]
                           and out["scrape_ratio"] >= KEEPUP and out["all_targets_up"]
                           and (out["scrape_duration_p90_median_s"] or 0) <= 0.8 * interval_s)
    return out


def run_ingest(kind, a, run_dir, duration, warmup, restart=False):
    """One server on a fresh generator + data dir: ingestion phase, optional SIGTERM + restart. Returns a result dict."""
    os.makedirs(run_dir, exist_ok=True)
    interval_s = benchctl.parse_dur(a.interval)
    ports = free_ports(a.targets, 1)
    base, port = ports[0], ports[1]
    url = "http://127.0.0.1:%d" % port
    data = os.path.join(run_dir, "data")
    res = dict(kind=kind, version=server_version(kind), run_dir=run_dir)
    log("%s: generator %d x %d series" % (kind, a.targets, a.series))
    gen, gen_dir = start_generator(run_dir, a.targets, a.series, base, a.refresh, a.churn, a.churn_every, a.gen_workers,
                                   duration + 3600, a.value_model, a.generator)
    srv = None
    try:
        cfg = write_config(run_dir, a.targets, base, a.interval)
        argv = server_argv(kind, cfg, data, port)
        res["command"] = " ".join(argv)
        srv = Proc(argv, os.path.join(run_dir, "server.log"))
        rt = wait_ready(url, srv, 600)
        if rt is None:
            raise SystemExit("%s not ready (GET /-/ready != 200); see %s/server.log" % (kind, run_dir))
        res["startup_ready_s"] = round(rt, 3)
        t_ready = time.time()
        log("%s: ready after %.2f s (pid %d, %s); ingesting %d s" % (kind, rt, srv.pid, url, duration))
        samples = []
        with open(os.path.join(run_dir, "samples.jsonl"), "w") as fh:
            next_print = t_ready + 30
            while time.time() < t_ready + duration:
                if not srv.alive():
                    res["error"] = "server exited during ingestion (rc %s)" % srv.p.returncode
                    break
                t_s = time.time()
                s = sample(srv, url, data, gen_dir, t_ready)
                samples.append(s)
                fh.write(json.dumps(s) + "\n")
                fh.flush()
                if time.time() >= next_print:
                    next_print += 30
                    log("  t=%4.0fs rss=%5.0fMiB cpu=%6.1fs series=%s appended=%s up=%s/%s" % (
                        s["t_rel"], (s.get("server_rss") or 0) / 2**20, s.get("server_cpu_s") or 0, s.get("head_series"),
                        s.get("appended"), s.get("up"), s.get("targets")))
                time.sleep(max(0.0, min(a.sample_every - (time.time() - t_s), t_ready + duration - time.time())))
        s = sample(srv, url, data, gen_dir, t_ready)   # exactly at the end of the phase
        samples.append(s)
        res.update(summarize(samples, warmup, interval_s, a.targets))
        if restart and srv.alive():
            res["restart"] = restart_phase(srv, kind, argv, url, data, run_dir, a.replay_timeout, a.stop_timeout)
            srv = res["restart"].pop("_proc")
        t_stop = srv.stop(a.stop_timeout)
        res["shutdown_s"], res["exit_code"], res["killed"] = t_stop
        srv = None
    finally:
        if srv is not None:
            srv.stop(60)
        gen.stop(30)
        if not a.keep_data:
            subprocess.run(["rm", "-rf", "--", data], timeout=600)
    return res


def run_together(a, root, duration, warmup, restart):
    """Every server of SERVERS at once on ONE generator (same targets, same samples), each with its own port and data
    dir. Used for long phases (1M series x 2 h) that one-after-the-other runs cannot afford. The sampling loop reads
    every server in turn, so both see the same load and the same machine noise. After the phase all servers get
    SIGTERM together; the restarts (WAL replay) then run one at a time, each alone on the machine with the generator
    still serving."""
    interval_s = benchctl.parse_dur(a.interval)
    ports = free_ports(a.targets, len(SERVERS))
    base = ports[0]
    log("together: generator %d x %d series for %s" % (a.targets, a.series, " + ".join(SERVERS)))
    gen, gen_dir = start_generator(root, a.targets, a.series, base, a.refresh, a.churn, a.churn_every, a.gen_workers,
                                   duration + 7200, a.value_model, a.generator)
    cfg = write_config(root, a.targets, base, a.interval)
    runs = {}
    try:
        for i, kind in enumerate(SERVERS):
            run_dir = os.path.join(root, kind)
            os.makedirs(run_dir, exist_ok=True)
            port = ports[1 + i]
            data = os.path.join(run_dir, "data")
            argv = server_argv(kind, cfg, data, port)
            runs[kind] = dict(kind=kind, url="http://127.0.0.1:%d" % port, data=data, argv=argv, run_dir=run_dir,
                              res=dict(kind=kind, version=server_version(kind), run_dir=run_dir, command=" ".join(argv),
                                       together=list(SERVERS)),
                              proc=Proc(argv, os.path.join(run_dir, "server.log")), samples=[])
        for kind, R in runs.items():
            rt = wait_ready(R["url"], R["proc"], 600)
            if rt is None:
                raise SystemExit("%s not ready; see %s/server.log" % (kind, R["run_dir"]))
            R["res"]["startup_ready_s"] = round(rt, 3)
        t_ready = time.time()
        log("together: all ready; ingesting %d s" % duration)
        fhs = {k: open(os.path.join(R["run_dir"], "samples.jsonl"), "w") for k, R in runs.items()}
        next_print = t_ready + 60
        while time.time() < t_ready + duration:
            t_s = time.time()
            for kind, R in runs.items():
                if not R["proc"].alive():
                    raise SystemExit("%s exited during ingestion (rc %s)" % (kind, R["proc"].p.returncode))
                s = sample(R["proc"], R["url"], R["data"], gen_dir, t_ready)
                R["samples"].append(s)
                fhs[kind].write(json.dumps(s) + "\n")
                fhs[kind].flush()
                if time.time() >= next_print:
                    log("  %s t=%4.0fs rss=%5.0fMiB cpu=%6.1fs series=%s appended=%s up=%s/%s" % (
                        kind, s["t_rel"], (s.get("server_rss") or 0) / 2**20, s.get("server_cpu_s") or 0,
                        s.get("head_series"), s.get("appended"), s.get("up"), s.get("targets")))
            if time.time() >= next_print:
                next_print += 60
            time.sleep(max(0.0, min(a.sample_every - (time.time() - t_s), t_ready + duration - time.time())))
        for kind, R in runs.items():
            R["samples"].append(sample(R["proc"], R["url"], R["data"], gen_dir, t_ready))
            fhs[kind].close()
            R["res"].update(summarize(R["samples"], warmup, interval_s, a.targets))
        if restart:
            for kind, R in runs.items():     # SIGTERM all first, so each replay runs alone
                R["res"]["restart"] = {"data_dir_alloc_at_sigterm_bytes": benchctl.du(R["data"])[0],
                                       "wal_alloc_at_sigterm_bytes": benchctl.du(os.path.join(R["data"], "wal"))[0],
                                       "head_series_at_sigterm": benchctl.self_metrics(R["url"]).get("prometheus_tsdb_head_series")}
                out = R["res"]["restart"]
                out["shutdown_s"], out["exit_code"], out["killed"] = R["proc"].stop(a.stop_timeout)
                log("%s: stopped in %.2f s (rc %s)" % (kind, out["shutdown_s"], out["exit_code"]))
            for kind, R in runs.items():
                out = R["res"]["restart"]
                out["data_dir_alloc_after_stop_bytes"] = benchctl.du(R["data"])[0]
                p = Proc(R["argv"], os.path.join(R["run_dir"], "server-restart.log"))
                R["proc"] = p
                rt = wait_ready(R["url"], p, a.replay_timeout, poll=0.05)
                out["ready_after_restart_s"] = r(rt)
                if rt is None:
                    out["error"] = "not ready within %d s after restart" % a.replay_timeout
                else:
                    out["head_series_after_restart"] = benchctl.self_metrics(R["url"]).get("prometheus_tsdb_head_series")
                    pr = benchctl.proc_cpu_rss(p.pid)
                    if pr:
                        out["rss_after_restart_bytes"], out["vmhwm_restart_bytes"], out["cpu_s_until_ready"] = pr["rss"], pr["hwm"], pr["cpu_s"]
                log("%s: ready again after %s s, head series %s" % (kind, out["ready_after_restart_s"], out.get("head_series_after_restart")))
                t_stop = p.stop(a.stop_timeout)
                R["res"]["shutdown_s"], R["res"]["exit_code"], R["res"]["killed"] = t_stop
        else:
            for kind, R in runs.items():
                R["res"]["shutdown_s"], R["res"]["exit_code"], R["res"]["killed"] = R["proc"].stop(a.stop_timeout)
    finally:
        for R in runs.values():
            R["proc"].stop(60)
        gen.stop(30)
        if not a.keep_data:
            for R in runs.values():
                subprocess.run(["rm", "-rf", "--", R["data"]], timeout=600)
    return {k: R["res"] for k, R in runs.items()}


def restart_phase(srv, kind, argv, url, data, run_dir, replay_timeout, stop_timeout):
    out = {"data_dir_alloc_at_sigterm_bytes": benchctl.du(data)[0],
           "wal_alloc_at_sigterm_bytes": benchctl.du(os.path.join(data, "wal"))[0]}
    m = benchctl.self_metrics(url)
    out["head_series_at_sigterm"] = m.get("prometheus_tsdb_head_series")
    out["shutdown_s"], out["exit_code"], out["killed"] = srv.stop(stop_timeout)
    log("%s: stopped in %.2f s (rc %s); restarting on the same data dir" % (kind, out["shutdown_s"], out["exit_code"]))
    out["data_dir_alloc_after_stop_bytes"] = benchctl.du(data)[0]
    p = Proc(argv, os.path.join(run_dir, "server-restart.log"))
    rt = wait_ready(url, p, replay_timeout, poll=0.05)
    out["ready_after_restart_s"] = r(rt)
    if rt is None:
        out["error"] = ("not ready within %d s after restart" % replay_timeout if p.alive()
                        else "exited (rc %s) before becoming ready after %.0f s" % (p.p.returncode, time.time() - p.t_start))
    else:
        m = benchctl.self_metrics(url)
        out["head_series_after_restart"] = m.get("prometheus_tsdb_head_series")
        pr = benchctl.proc_cpu_rss(p.pid)
        if pr:
            out["rss_after_restart_bytes"], out["vmhwm_restart_bytes"], out["cpu_s_until_ready"] = pr["rss"], pr["hwm"], pr["cpu_s"]
    log("%s: ready again after %s s, head series %s" % (kind, out["ready_after_restart_s"], out.get("head_series_after_restart")))
    out["_proc"] = p
    return out


# ----------------------------------------------------------------------------- results
def machine():
    mem = open("/proc/meminfo").readline().split()[1]
    cpu = [l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")]
    return dict(nproc=os.cpu_count(), cpu=cpu[0] if cpu else "", mem_kib=int(mem), kernel=platform.release(),
                python=platform.python_version())


def ratio(a, p):
    return round(a / p, 3) if isinstance(a, (int, float)) and isinstance(p, (int, float)) and p else None


def finish(kind, name, config, per_server, ratio_keys, result_line):
    config = dict(config, argus_bin=ARGUS_BIN, argus_rev=os.environ.get("ARGUS_REV"), prometheus_bin=PROMETHEUS_BIN)
    R = dict(measurement=kind, name=name, date_utc=stamp(), config=config, machine=machine(), servers=per_server)
    P, A = per_server.get("prometheus", {}), per_server.get("argus", {})
    R["ratios_argus_over_prometheus"] = {k: ratio(get(A, k), get(P, k)) for k in ratio_keys}
    R["summary_line"] = result_line(R)
    os.makedirs(RESULTS_DIR, exist_ok=True)
    path = os.path.join(RESULTS_DIR, "%s-%s.json" % (name, R["date_utc"]))
    with open(path, "w") as fh:
        json.dump(R, fh, indent=1)
    print(R["summary_line"])
    print("result: " + path)
    return R


def get(d, path):
    for k in path.split("."):
        if not isinstance(d, dict):
            return None
        d = d.get(k)
    return d


def fmt(v, f="%.2f"):
    return "na" if v is None else (f % v if isinstance(v, (int, float)) else str(v))


# ----------------------------------------------------------------------------- commands
STEADY_KEYS = ["rss_bytes_per_head_series", "rss_mean_second_half_per_head_series", "cpu_us_per_sample_steady", "server_cores_steady", "rss_end_bytes",
               "keepup_ratio", "head_series_end", "startup_ready_s", "restart.ready_after_restart_s",
               "restart.shutdown_s", "restart.wal_alloc_at_sigterm_bytes", "restart.vmhwm_restart_bytes"]


def cmd_steady(a, restart=False):
    name = a.name
    root = os.path.join(WORK_ROOT, "%s-%s" % (name, stamp()))
    per = {}
    if a.together:
        per = run_together(a, root, a.duration, a.warmup, restart or a.restart)
    for kind in ([] if a.together else SERVERS):
        per[kind] = run_ingest(kind, a, os.path.join(root, kind), a.duration, a.warmup, restart=restart or a.restart)
        log("%s: %s" % (kind, {k: per[kind].get(k) for k in ("rss_bytes_per_head_series", "cpu_us_per_sample_steady",
                                                                  "keepup_ratio", "all_targets_up", "keeps_up")}))
    cfg = {k: getattr(a, k) for k in ("targets", "series", "interval", "duration", "warmup", "churn", "churn_every",
                                      "refresh", "value_model", "gen_workers", "generator")}
    cfg["restart"] = restart or a.restart
    cfg["together"] = a.together

    def line(R):
        S, Q = R["servers"], R["ratios_argus_over_prometheus"]
        parts = ["RESULT measurement=%s name=%s" % ("restart" if cfg["restart"] else "steady", name)]
        for k in SERVERS:
            s = S[k]
            parts.append("%s: series=%s rss/series=%sB cpu=%sus/sample keepup=%s up=%s/%s%s" % (
                k, fmt(s.get("head_series_end"), "%d"), fmt(s.get("rss_bytes_per_head_series"), "%.0f"),
                fmt(s.get("cpu_us_per_sample_steady")), fmt(s.get("keepup_ratio"), "%.3f"), s.get("targets_up_end"),
                s.get("targets_end"), (" replay=%ss" % fmt(get(s, "restart.ready_after_restart_s"))) if cfg["restart"] else ""))
        parts.append("ratio(argus/prometheus): rss/series=%s cpu/sample=%s%s other_cpu=%s" % (
            fmt(Q.get("rss_bytes_per_head_series"), "%.3f"), fmt(Q.get("cpu_us_per_sample_steady"), "%.3f"),
            (" replay=%s" % fmt(Q.get("restart.ready_after_restart_s"), "%.3f")) if cfg["restart"] else "",
            "/".join(fmt(S[k].get("other_processes_cores_steady")) for k in SERVERS)))
        return " | ".join(parts)
    finish("restart" if cfg["restart"] else "steady", name, cfg, per, STEADY_KEYS, line)


def cmd_ceiling(a):
    steps = [int(x) for x in a.steps.split()]
    root = os.path.join(WORK_ROOT, "%s-%s" % (a.name, stamp()))
    per = {k: dict(steps=[], max_sustained_samples_per_s=None, fell_behind_at_series_per_target=None) for k in SERVERS}
    active = list(SERVERS)
    a.churn, a.churn_every, a.value_model = 0.0, 0.0, a.value_model
    for S in steps:          # interleaved: each step runs both servers back to back, so drift hits both alike
        for kind in list(active):
            a.series = S
            res = run_ingest(kind, a, os.path.join(root, "%s-%d" % (kind, S)), a.step_duration, a.warmup)
            res["series_per_target"] = S
            per[kind]["steps"].append(res)
            log("%s @ %d/target: appended %s/s of %s/s expected, keepup %s, scrapes %s, p90 dur %s, up %s/%s -> %s" % (
                kind, S, res.get("appended_per_s_steady"), res.get("expected_per_s"), res.get("keepup_ratio"),
                res.get("scrape_ratio"), res.get("scrape_duration_p90_median_s"), res.get("targets_up_end"),
                res.get("targets_end"), "keeps up" if res["keeps_up"] else "FELL BEHIND"))
            if res["keeps_up"]:
                best = per[kind]["max_sustained_samples_per_s"] or 0
                per[kind]["max_sustained_samples_per_s"] = max(best, res["appended_per_s_steady"])
                per[kind]["cpu_us_per_sample_at_max"] = res["cpu_us_per_sample_steady"]
            else:
                per[kind]["fell_behind_at_series_per_target"] = S
                active.remove(kind)
        if not active:
            break
    cfg = dict(targets=a.targets, interval=a.interval, steps=steps, step_duration=a.step_duration, warmup=a.warmup,
               refresh=a.refresh, gen_workers=a.gen_workers, value_model=a.value_model, generator=a.generator, keepup=KEEPUP)

    def line(R):
        S, Q = R["servers"], R["ratios_argus_over_prometheus"]
        return "RESULT measurement=ceiling name=%s %s | ratio(argus/prometheus)=%s" % (a.name, " ".join(
            "%s=%s samples/s (fell behind at: %s)" % (k, fmt(S[k]["max_sustained_samples_per_s"], "%.0f"),
                                                   "%s series/target" % S[k]["fell_behind_at_series_per_target"]
                                                   if S[k]["fell_behind_at_series_per_target"] else "no step") for k in SERVERS),
            fmt(Q.get("max_sustained_samples_per_s"), "%.3f"))
    finish("ceiling", a.name, cfg, per, ["max_sustained_samples_per_s", "cpu_us_per_sample_at_max"], line)


def measure_blocks(d):
    out = dict(blocks=[])
    for b in sorted(os.listdir(d)):
        meta = os.path.join(d, b, "meta.json")
        if not os.path.isfile(meta):
            continue
        m = json.load(open(meta))
        st = m.get("stats", {})
        bd = os.path.join(d, b)
        out["blocks"].append(dict(ulid=b, minTime=m.get("minTime"), maxTime=m.get("maxTime"), numSamples=st.get("numSamples"),
                                  numSeries=st.get("numSeries"), numChunks=st.get("numChunks"), total_bytes=benchctl.du(bd)[1],
                                  chunks_bytes=benchctl.du(os.path.join(bd, "chunks"))[1],
                                  index_bytes=os.path.getsize(os.path.join(bd, "index"))))
    B = out["blocks"]
    for k in ("numSamples", "numSeries", "numChunks", "total_bytes", "chunks_bytes", "index_bytes"):
        out[k] = sum(b[k] or 0 for b in B)
    if out["numSamples"]:
        out["chunk_bytes_per_sample"] = round(out["chunks_bytes"] / out["numSamples"], 4)
        out["total_bytes_per_sample"] = round(out["total_bytes"] / out["numSamples"], 4)
    if out["numSeries"]:
        out["index_bytes_per_series"] = round(out["index_bytes"] / out["numSeries"], 2)
        out["samples_per_series"] = round(out["numSamples"] / out["numSeries"], 1)
    return out


def timed(argv, logfile, timeout):
    """Runs argv, returns (wall s, cpu s, max RSS bytes, rc) of that child alone (os.wait4)."""
    with open(logfile, "wb") as lf:
        t0 = time.time()
        p = subprocess.Popen(argv, stdout=lf, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = t0 + timeout
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.time() > deadline:
                p.kill()
                pid, status, ru = os.wait4(p.pid, 0)
                break
            time.sleep(0.2)
        p.returncode = os.waitstatus_to_exitcode(status)
    return round(time.time() - t0, 2), round(ru.ru_utime + ru.ru_stime, 2), ru.ru_maxrss * 1024, p.returncode


def cmd_blocks(a):
    root = os.path.join(WORK_ROOT, "%s-%s" % (a.name, stamp()))
    os.makedirs(root, exist_ok=True)
    om = os.path.join(root, "input.om")
    log("generating %d x %d series x %d samples at %ds" % (a.targets, a.series, a.samples, a.step))
    t0 = time.time()
    gen = omgen.generate(om, a.targets, a.series, a.samples, a.step, value_model=a.value_model)
    gen["seconds"] = round(time.time() - t0, 1)
    log("wrote %s (%.0f MiB, %d series, %d samples) in %.0f s" % (om, gen["bytes"] / 2**20, gen["series"], gen["samples"], gen["seconds"]))
    per = {}
    try:
        for kind in SERVERS:
            d = os.path.join(root, kind + "-blocks")
            argv = ([PROMTOOL_BIN, "tsdb", "create-blocks-from", "openmetrics", om, d] if kind == "prometheus"
                    else [ARGUS_BIN, "tsdb", "import", "openmetrics", om, d])
            wall, cpu, maxrss, rc = timed(argv, os.path.join(root, kind + "-import.log"), 3600)
            res = dict(command=" ".join(argv), version=server_version(kind), import_wall_s=wall, import_cpu_s=cpu,
                       import_max_rss_bytes=maxrss, exit_code=rc)
            if rc == 0:
                res.update(measure_blocks(d))
            else:
                res["error"] = open(os.path.join(root, kind + "-import.log"), errors="replace").read()[-600:]
            per[kind] = res
            log("%s: rc=%d %.1f s, %s B/sample chunks, %s B/series index, %s B/sample total" % (
                kind, rc, wall, res.get("chunk_bytes_per_sample"), res.get("index_bytes_per_series"), res.get("total_bytes_per_sample")))
            if not a.keep_data:
                subprocess.run(["rm", "-rf", "--", d], timeout=600)
    finally:
        if not a.keep_data:
            os.remove(om)
    gen.pop("file", None)

    def line(R):
        S, Q = R["servers"], R["ratios_argus_over_prometheus"]
        return "RESULT measurement=blocks name=%s %s | ratio(argus/prometheus): chunks=%s index=%s total=%s" % (
            a.name, " ".join("%s: chunks=%sB/sample index=%sB/series total=%sB/sample samples=%s" % (
                k, fmt(S[k].get("chunk_bytes_per_sample"), "%.3f"), fmt(S[k].get("index_bytes_per_series"), "%.1f"),
                fmt(S[k].get("total_bytes_per_sample"), "%.3f"), S[k].get("numSamples")) for k in SERVERS),
            fmt(Q.get("chunk_bytes_per_sample"), "%.3f"), fmt(Q.get("index_bytes_per_series"), "%.3f"),
            fmt(Q.get("total_bytes_per_sample"), "%.3f"))
    finish("blocks", a.name, dict(input=gen), per, ["chunk_bytes_per_sample", "index_bytes_per_series",
                                                    "total_bytes_per_sample", "import_wall_s", "import_max_rss_bytes"], line)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)

    def load_args(p, name, targets, series, interval, duration, warmup):
        p.add_argument("--name", default=name)
        p.add_argument("--targets", type=int, default=targets)
        p.add_argument("--series", type=int, default=series, help="series per target")
        p.add_argument("--interval", default=interval)
        p.add_argument("--duration", type=float, default=duration, help="ingestion phase, seconds from /-/ready")
        p.add_argument("--warmup", type=float, default=warmup, help="seconds excluded from the steady-state slopes")
        p.add_argument("--churn", type=float, default=0.0, help="fraction of pods replaced per churn event")
        p.add_argument("--churn-every", type=float, default=0.0, help="minutes between churn events")
        p.add_argument("--refresh", type=float, default=1.0, help="generator re-renders a body at most this often (s)")
        p.add_argument("--value-model", choices=["k8s", "noisy"], default="k8s")
        p.add_argument("--gen-workers", type=int, default=1)
        p.add_argument("--generator", choices=["python", "csharp"], default="python",
                       help="load generator: ../shared/bench/targets.py, or bench/Argus.TargetGen (pre-rendered, near-free CPU)")
        p.add_argument("--sample-every", type=float, default=5.0)
        p.add_argument("--keep-data", action="store_true")
        p.add_argument("--restart", action="store_true", help="after ingestion: SIGTERM, restart, time until /-/ready")
        p.add_argument("--replay-timeout", type=float, default=1200, help="give up waiting for /-/ready after a restart")
        p.add_argument("--stop-timeout", type=float, default=300, help="SIGKILL a server this long after SIGTERM")
        p.add_argument("--together", action="store_true",
                       help="run every server at once on one generator (long phases); restarts still run one at a time")
    p = sub.add_parser("steady", help="steady ingestion: RSS/series, CPU/sample, keep-up")
    load_args(p, "steady", 50, 2000, "15s", 300, 60)
    p = sub.add_parser("restart", help="steady ingestion, then SIGTERM + restart on the same data dir: WAL replay time")
    load_args(p, "restart", 100, 2000, "30s", 600, 60)
    p = sub.add_parser("ceiling", help="1 s ingestion ramp until a server falls behind")
    load_args(p, "ceiling", 100, 0, "1s", 0, 30)
    p.add_argument("--steps", default="6000 9000 12000 16000 20000", help="series per target, one fresh run per step")
    p.add_argument("--step-duration", type=float, default=90)
    p = sub.add_parser("blocks", help="bytes per sample of full 2h blocks built from one OpenMetrics file")
    p.add_argument("--name", default="blocks")
    p.add_argument("--targets", type=int, default=5)
    p.add_argument("--series", type=int, default=2000)
    p.add_argument("--samples", type=int, default=480)
    p.add_argument("--step", type=int, default=15)
    p.add_argument("--value-model", choices=["k8s", "noisy"], default="k8s")
    p.add_argument("--keep-data", action="store_true")
    a = ap.parse_args()
    signal.signal(signal.SIGTERM, _on_signal)
    try:
        {"steady": cmd_steady, "restart": lambda x: cmd_steady(x, restart=True), "ceiling": cmd_ceiling,
         "blocks": cmd_blocks}[a.cmd](a)
    except Stop as e:
        sys.exit("stopped by %s" % e)


if __name__ == "__main__":
    main()
