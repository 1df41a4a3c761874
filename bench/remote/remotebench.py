#!/usr/bin/env python3
"""Remote-write throughput, Argus side by side with Prometheus 2.42 sending the same series to the same receiver.

  remotebench.py run [--targets K] [--series S] [--interval 1s] [--warmup 30] [--duration 60]

Both servers scrape the same synthetic targets (shared/bench/targets.py: K ports x S series, Kubernetes-shaped) at the
same interval and remote-write everything to one tiny counting receiver in this script (a ThreadingHTTPServer answering
204; it counts requests and bytes per sender by URL path and does not decode). After --warmup seconds (both watchers
running, queues settled), the script reads each sender's prometheus_remote_storage_samples_total (samples handed to
the receiver: a run without receiver errors has no retries, so this is samples sent) and the process's CPU seconds
(utime+stime from /proc/PID/stat) at the start and end of --duration seconds. Reported per sender: samples/s sent and
samples sent per CPU-second of the whole process (it also scrapes and stores what it sends; both do the same work),
and the ratio Argus / Prometheus.

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


def cmd_run(a):
    work = tempfile.mkdtemp(prefix="argus-remotebench-")
    def port_range(count):   # `benchctl.py ports` prints the first of COUNT consecutive free ports
        return int(subprocess.check_output([sys.executable, os.path.join(SHARED, "benchctl.py"), "ports", "--count",
                                            str(count), "--extra", "0"]).split()[0])
    recv_port = port_range(3)
    prom_port, argus_port = recv_port + 1, recv_port + 2
    base_port = port_range(a.targets)
    counts = Counts()
    receiver = start_receiver(recv_port, counts)
    procs = []
    try:
        gen = subprocess.Popen([sys.executable, os.path.join(SHARED, "targets.py"), "--targets", str(a.targets), "--series",
                                str(a.series), "--base-port", str(base_port), "--max-runtime", str(a.warmup + a.duration + 300)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(gen)
        targets = ", ".join("'127.0.0.1:%d'" % (base_port + i) for i in range(a.targets))
        servers = {}
        for kind, port in (("prometheus", prom_port), ("argus", argus_port)):
            d = os.path.join(work, kind)
            os.makedirs(d)
            cfg = os.path.join(d, "prometheus.yml")
            with open(cfg, "w") as fh:
                fh.write("global:\n  scrape_interval: %s\n  scrape_timeout: %s\nscrape_configs:\n  - job_name: k8s\n"
                         "    static_configs:\n      - targets: [%s]\nremote_write:\n  - url: http://127.0.0.1:%d/%s\n"
                         "    metadata_config:\n      send: false\n" % (a.interval, a.interval, targets, recv_port, kind))
            if kind == "prometheus":
                cmd = [os.environ.get("PROMETHEUS_BIN", "prometheus")]
            else:
                cmd = [os.environ.get("ARGUS_BIN", "/tmp/argus-bin/argus"), "--rules.builtin=false"]
            cmd += ["--config.file=" + cfg, "--storage.tsdb.path=" + os.path.join(d, "data"),
                    "--web.listen-address=127.0.0.1:%d" % port]
            logf = open(os.path.join(d, "server.log"), "w")
            proc = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT)
            procs.append(proc)
            servers[kind] = (proc, "http://127.0.0.1:%d" % port)
        for kind, (proc, url) in servers.items():
            deadline = time.time() + 120
            while True:
                if proc.poll() is not None:
                    sys.exit("%s exited with %s; see %s" % (kind, proc.returncode, os.path.join(work, kind, "server.log")))
                try:
                    if benchctl.http(url + "/-/ready", timeout=5)[0] == 200:
                        break
                except Exception:
                    pass
                if time.time() > deadline:
                    sys.exit("%s not ready after 120 s" % kind)
                time.sleep(0.5)
        log("both servers ready; warming up %d s (%d targets x %d series at %s)" % (a.warmup, a.targets, a.series, a.interval))
        time.sleep(a.warmup)
        start = {k: (metric_sum(u, "prometheus_remote_storage_samples_total"), benchctl.proc_cpu_rss(p.pid)["cpu_s"],
                     counts.get("/" + k)) for k, (p, u) in servers.items()}
        t0 = time.time()
        time.sleep(a.duration)
        elapsed = time.time() - t0
        result = {"targets": a.targets, "series_per_target": a.series, "interval": a.interval, "duration_s": elapsed}
        for k, (p, u) in servers.items():
            samples = metric_sum(u, "prometheus_remote_storage_samples_total") - start[k][0]
            cpu = benchctl.proc_cpu_rss(p.pid)["cpu_s"] - start[k][1]
            reqs, size = counts.get("/" + k)
            result[k] = {"samples": samples, "samples_per_s": samples / elapsed, "cpu_s": cpu,
                         "samples_per_cpu_s": samples / cpu if cpu > 0 else None,
                         "requests": reqs - start[k][2][0], "bytes": size - start[k][2][1],
                         "failed": metric_sum(u, "prometheus_remote_storage_samples_failed_total"),
                         "retried": metric_sum(u, "prometheus_remote_storage_samples_retried_total")}
        pa, pp = result["argus"]["samples_per_cpu_s"], result["prometheus"]["samples_per_cpu_s"]
        result["ratio_argus_over_prometheus"] = pa / pp if pa and pp else None
        print(json.dumps(result, indent=1))
        print("\n| sender | samples/s sent | CPU s | samples per CPU-second | requests | bytes/sample |\n|---|---|---|---|---|---|")
        for k in ("prometheus", "argus"):
            r = result[k]
            print("| %s | %.0f | %.1f | %.0f | %d | %.2f |" % (k, r["samples_per_s"], r["cpu_s"], r["samples_per_cpu_s"] or 0,
                                                             r["requests"], r["bytes"] / r["samples"] if r["samples"] else 0))
        print("\nratio (Argus / Prometheus, samples per CPU-second): %.2f" % (result["ratio_argus_over_prometheus"] or 0))
    finally:
        for p in reversed(procs):
            stop(p)
        receiver.shutdown()
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--targets", type=int, default=5)
    r.add_argument("--series", type=int, default=2000)
    r.add_argument("--interval", default="1s")
    r.add_argument("--warmup", type=int, default=30)
    r.add_argument("--duration", type=int, default=60)
    r.add_argument("--keep", action="store_true", help="keep the work directory (logs, data)")
    a = ap.parse_args()
    cmd_run(a)


if __name__ == "__main__":
    main()
