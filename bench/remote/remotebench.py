#!/usr/bin/env python3
"""Remote-write throughput, Argus beside Prometheus 2.42 sending the same series to the same receiver.

  remotebench.py run [--targets K] [--series S] [--interval 1s] [--warmup 20] [--duration 40] [--repeats 2] [--out F]
  remotebench.py summarize F        (the table again from a saved result, with the current formulas)

One synthetic target generator (shared/bench/targets.py: K ports x S series, Kubernetes-shaped) and one tiny counting
receiver in this script (a ThreadingHTTPServer answering 204; it counts requests and bytes per URL path and does not
decode) run for the whole benchmark. The senders run ONE AT A TIME, each in four phases per round, in the order
Argus with remote_write, Argus without, Prometheus with, Prometheus without (A,A0,P,P0), --repeats rounds interleaved,
so that all of them see the same load from whatever else shares the machine. A phase starts a fresh server on an empty
data directory, waits --warmup seconds (queues settled), then reads the process's CPU seconds (utime+stime from
/proc/PID/stat), its prometheus_remote_storage_samples_total (samples handed to the receiver: a run without receiver
errors has no retries, so this is samples sent) and prometheus_tsdb_head_samples_appended_total at the start and end of
--duration seconds, and the 1-minute load average.

Reported per sender, summed over rounds: samples/s sent; samples per CPU-second of the whole process (it also scrapes
and stores what it sends); remote-write-attributable CPU = CPU with remote_write minus CPU without (same targets, same
window length; the baseline scaled by samples appended, so that a sender the load starved of scrapes in one window is
not credited for work it skipped), as samples per rw CPU-second and µs per sample; and both ratios Argus / Prometheus.

Stdlib only. All traffic goes to 127.0.0.1; every wait is bounded; only PIDs this script started are signalled
(SIGTERM, bounded wait, SIGKILL).
"""
import argparse
import http.server
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("SHARED_BENCH") or os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "bench"))
if not os.path.isdir(SHARED):
    SHARED = "/work/shared/bench"
sys.path.insert(0, SHARED)
import benchctl  # noqa: E402  (shared helpers: http, ports, proc_cpu_rss)


def log(msg):
    print("[%s] %s" % (time.strftime("%H:%M:%S", time.gmtime()), msg), flush=True)


class Counts:
    def __init__(self):
        self.lock = threading.Lock()
        self.by_path = {}

    def add(self, path, n):
        with self.lock:
            reqs, size = self.by_path.get(path, (0, 0))
            self.by_path[path] = (reqs + 1, size + n)

    def get(self, path):
        with self.lock:
            return self.by_path.get(path, (0, 0))


def start_receiver(port, counts):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            n = int(self.headers.get("Content-Length", "0"))
            self.rfile.read(n)
            counts.add(self.path, n)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def metric_sum(base, name):
    _, body = benchctl.http(base + "/metrics", timeout=10)
    total = 0.0
    for line in body.decode("utf-8", "replace").splitlines():
        if line.startswith(name + "{") or line.startswith(name + " "):
            total += float(line.rsplit(" ", 1)[1])
    return total


def stop(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def write_config(path, a, targets, recv_port, kind, remote_write):
    with open(path, "w") as fh:
        fh.write("global:\n  scrape_interval: %s\n  scrape_timeout: %s\nscrape_configs:\n  - job_name: k8s\n"
                 "    static_configs:\n      - targets: [%s]\n" % (a.interval, a.interval, targets))
        if remote_write:
            fh.write("remote_write:\n  - url: http://127.0.0.1:%d/%s\n    metadata_config:\n      send: false\n" % (recv_port, kind))


def start_server(kind, d, cfg, port):
    if kind == "prometheus":
        cmd = [os.environ.get("PROMETHEUS_BIN", "prometheus")]
    else:
        cmd = [os.environ.get("ARGUS_BIN", "/tmp/argus-bin/argus"), "--rules.builtin=false"]
    cmd += ["--config.file=" + cfg, "--storage.tsdb.path=" + os.path.join(d, "data"), "--web.listen-address=127.0.0.1:%d" % port]
    logf = open(os.path.join(d, "server.log"), "w")
    proc = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT)
    url = "http://127.0.0.1:%d" % port
    deadline = time.time() + 120
    while True:
        if proc.poll() is not None:
            sys.exit("%s exited with %s; see %s" % (kind, proc.returncode, os.path.join(d, "server.log")))
        try:
            if benchctl.http(url + "/-/ready", timeout=5)[0] == 200:
                return proc, url
        except Exception:
            pass
        if time.time() > deadline:
            stop(proc)
            sys.exit("%s not ready after 120 s" % kind)
        time.sleep(0.5)


def run_phase(a, work, n, kind, remote_write, targets, recv_port, port, counts):
    """One sender alone: start it, warm up, measure CPU (and what it sent) over the window, stop it."""
    d = os.path.join(work, "%d-%s-%s" % (n, kind, "rw" if remote_write else "norw"))
    os.makedirs(d)
    cfg = os.path.join(d, "prometheus.yml")
    write_config(cfg, a, targets, recv_port, "%s%d" % (kind, n), remote_write)
    proc, url = start_server(kind, d, cfg, port)
    path = "/%s%d" % (kind, n)
    try:
        time.sleep(a.warmup)
        load0 = os.getloadavg()[0]
        s0 = metric_sum(url, "prometheus_remote_storage_samples_total") if remote_write else 0.0
        ingested0 = metric_sum(url, "prometheus_tsdb_head_samples_appended_total")
        c0 = benchctl.proc_cpu_rss(proc.pid)["cpu_s"]
        r0 = counts.get(path)
        t0 = time.time()
        time.sleep(a.duration)
        elapsed = time.time() - t0
        cpu = benchctl.proc_cpu_rss(proc.pid)["cpu_s"] - c0
        r1 = counts.get(path)
        r = {"sender": kind, "remote_write": remote_write, "duration_s": elapsed, "cpu_s": cpu,
             "load1_start": load0, "load1_end": os.getloadavg()[0],
             "appended": metric_sum(url, "prometheus_tsdb_head_samples_appended_total") - ingested0}
        if remote_write:
            r.update(samples=metric_sum(url, "prometheus_remote_storage_samples_total") - s0,
                     requests=r1[0] - r0[0], bytes=r1[1] - r0[1],
                     failed=metric_sum(url, "prometheus_remote_storage_samples_failed_total"),
                     retried=metric_sum(url, "prometheus_remote_storage_samples_retried_total"))
        log("%-10s remote_write=%-5s cpu %.2f s over %.0f s, appended %.0f%s, load %.1f -> %.1f" % (
            kind, remote_write, cpu, elapsed, r["appended"],
            ", sent %.0f in %d requests" % (r["samples"], r["requests"]) if remote_write else "", load0, r["load1_end"]))
        return r
    finally:
        stop(proc)


def summarize(a, phases):
    out = {"targets": a.targets, "series_per_target": a.series, "interval": a.interval, "warmup_s": a.warmup,
           "duration_s": a.duration, "repeats": a.repeats, "phases": phases}
    for kind in ("argus", "prometheus"):
        on = [p for p in phases if p["sender"] == kind and p["remote_write"]]
        off = [p for p in phases if p["sender"] == kind and not p["remote_write"]]
        if not on or not off:
            continue   # --senders without this one
        samples = sum(p["samples"] for p in on)
        cpu_on, cpu_off = sum(p["cpu_s"] for p in on), sum(p["cpu_s"] for p in off)
        # Same targets, same window length: the difference is what remote write costs (WAL tailing, encoding, sending).
        # The baseline is scaled by samples appended, not by time, so that a sender starved by the machine's load (it
        # scrapes and appends less in one of its windows) is charged for the ingestion it did, not for what it skipped.
        appended_on, appended_off = sum(p["appended"] for p in on), sum(p["appended"] for p in off)
        rw_cpu = cpu_on - cpu_off * appended_on / appended_off if appended_off else None
        out[kind] = {"samples": samples, "samples_per_s": samples / sum(p["duration_s"] for p in on),
                     "cpu_s_with_rw": cpu_on, "cpu_s_without_rw": cpu_off, "rw_cpu_s": rw_cpu,
                     "samples_per_cpu_s": samples / cpu_on if cpu_on > 0 else None,
                     "appended_with_rw": appended_on, "appended_without_rw": appended_off,
                     "samples_per_rw_cpu_s": samples / rw_cpu if rw_cpu and rw_cpu > 0 else None,
                     "rw_cpu_us_per_sample": rw_cpu / samples * 1e6 if samples and rw_cpu is not None else None,
                     "requests": sum(p["requests"] for p in on), "bytes": sum(p["bytes"] for p in on),
                     "failed": max(p["failed"] for p in on), "retried": max(p["retried"] for p in on),
                     "per_repeat_rw_cpu_s": [a_["cpu_s"] - b_["cpu_s"] for a_, b_ in zip(on, off)]}
    A, P = out.get("argus", {}), out.get("prometheus", {})
    ratio = lambda x, y: x / y if x and y else None  # noqa: E731
    out["ratio_whole_process"] = ratio(A.get("samples_per_cpu_s"), P.get("samples_per_cpu_s"))
    out["ratio_remote_write"] = ratio(A.get("samples_per_rw_cpu_s"), P.get("samples_per_rw_cpu_s"))
    loads = [p["load1_start"] for p in phases] + [p["load1_end"] for p in phases]
    out["load1_min_max"] = [min(loads), max(loads)]
    return out


def print_table(out):
    print("\n| sender | samples/s sent | CPU s with rw | CPU s without | rw CPU s | samples per CPU-s (whole) | "
          "samples per rw CPU-s | rw µs/sample | requests | bytes/sample |\n|---|---|---|---|---|---|---|---|---|---|")
    for k in ("prometheus", "argus"):
        if k not in out:
            continue
        r = out[k]
        print("| %s | %.0f | %.1f | %.1f | %.1f | %.0f | %.0f | %.2f | %d | %.2f |" % (
            k, r["samples_per_s"], r["cpu_s_with_rw"], r["cpu_s_without_rw"], r["rw_cpu_s"] or 0, r["samples_per_cpu_s"] or 0,
            r["samples_per_rw_cpu_s"] or 0, r["rw_cpu_us_per_sample"] or 0, r["requests"],
            r["bytes"] / r["samples"] if r["samples"] else 0))
    print("\nratio Argus / Prometheus, samples per CPU-second: whole process %.2f, remote-write-attributable %.2f"
          % (out["ratio_whole_process"] or 0, out["ratio_remote_write"] or 0))
    print("load average (1 min) during the windows: %.1f to %.1f" % tuple(out["load1_min_max"]))


def cmd_run(a):
    work = tempfile.mkdtemp(prefix="argus-remotebench-")
    recv_port = port_range(2)
    server_port = recv_port + 1
    base_port = port_range(a.targets)
    counts = Counts()
    receiver = start_receiver(recv_port, counts)
    phase_s = a.warmup + a.duration + 30
    gen = subprocess.Popen([sys.executable, os.path.join(SHARED, "targets.py"), "--targets", str(a.targets), "--series",
                            str(a.series), "--base-port", str(base_port),
                            "--max-runtime", str(4 * a.repeats * phase_s + 300)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        targets = ", ".join("'127.0.0.1:%d'" % (base_port + i) for i in range(a.targets))
        log("%d targets x %d series at %s; %d repeats of A, A without rw, P, P without rw; %d s warm-up, %d s window each"
            % (a.targets, a.series, a.interval, a.repeats, a.warmup, a.duration))
        phases = []
        senders = [s for s in a.senders.split(",")]
        for n in range(a.repeats):
            for kind in senders:
                for remote_write in (True, False):
                    phases.append(run_phase(a, work, n, kind, remote_write, targets, recv_port, server_port, counts))
        out = summarize(a, phases)
        text = json.dumps(out, indent=1)
        print(text)
        if a.out:
            with open(a.out, "w") as fh:
                fh.write(text + "\n")
        print_table(out)
    finally:
        stop(gen)
        receiver.shutdown()
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log("work directory kept: " + work)


def port_range(count):
    """The first of COUNT consecutive free ports (`benchctl.py ports`)."""
    return int(subprocess.check_output([sys.executable, os.path.join(SHARED, "benchctl.py"), "ports", "--count",
                                        str(count), "--extra", "0"]).split()[0])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--targets", type=int, default=5)
    r.add_argument("--series", type=int, default=2000)
    r.add_argument("--interval", default="1s")
    r.add_argument("--warmup", type=int, default=20)
    r.add_argument("--duration", type=int, default=40)
    r.add_argument("--repeats", type=int, default=2, help="rounds of (Argus with/without rw, Prometheus with/without rw)")
    r.add_argument("--senders", default="argus,prometheus", help="order within a round")
    r.add_argument("--out", help="write the result JSON here")
    r.add_argument("--keep", action="store_true", help="keep the work directory (logs, data)")
    sm = sub.add_parser("summarize", help="recompute the table from a result JSON written by run --out")
    sm.add_argument("file")
    a = ap.parse_args()
    if a.cmd == "summarize":
        with open(a.file) as fh:
            saved = json.load(fh)
        args = argparse.Namespace(**{k: saved[k] for k in ("targets", "interval", "repeats")},
                                  series=saved["series_per_target"], warmup=saved["warmup_s"], duration=saved["duration_s"])
        out = summarize(args, saved["phases"])
        print(json.dumps(out, indent=1))
        print_table(out)
    else:
        cmd_run(a)


if __name__ == "__main__":
    main()
