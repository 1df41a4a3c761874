#!/usr/bin/env python3
"""Times a server's start on an existing data dir: start -> poll /-/ready (every 0.1 s) -> record -> stop.

  restart_time.py --kind argus|prometheus --bin PATH --data DIR [--stop term|kill] [--after S] [--out FILE.json]

The server gets a config with `scrape_configs: []` (nothing is scraped, as bench/query/querybench.py's `live` does), its
own port, and --storage.tsdb.retention.time=30d. ready_s is wall time from exec to the first 200 from /-/ready, i.e. WAL
(and head chunk) replay included. CPU seconds are the process's user+sys from /proc at that moment. --stop kill sends
SIGKILL instead of SIGTERM (a crash), --after waits that many seconds after ready first. The 1-minute load average is
recorded before the start and at ready. Wrap runs in `flock /work/wt/bench.lock` on the shared machine.
"""
import argparse, json, os, signal, socket, subprocess, sys, time, urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_bytes(pid):
    with open("/proc/%d/status" % pid) as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def load1():
    with open("/proc/loadavg") as fh:
        return float(fh.read().split()[0])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kind", required=True, choices=["argus", "prometheus"])
    p.add_argument("--bin", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--stop", default="term", choices=["term", "kill"])
    p.add_argument("--after", type=float, default=0)
    p.add_argument("--timeout", type=float, default=900)
    p.add_argument("--out")
    a = p.parse_args()
    run = os.path.dirname(os.path.abspath(a.data))
    config = os.path.join(run, "%s-restart.yml" % a.kind)
    with open(config, "w") as fh:
        fh.write("global:\n  scrape_interval: 15s\nscrape_configs: []\n")
    port = free_port()
    cmd = [a.bin, "--config.file=" + config, "--storage.tsdb.path=" + a.data,
           "--web.listen-address=127.0.0.1:%d" % port, "--storage.tsdb.retention.time=30d"]
    log = open(os.path.join(run, "%s-restart.log" % a.kind), "a")
    load_before = load1()
    t0 = time.time()
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    ready_s = None
    while time.time() - t0 < a.timeout:
        if proc.poll() is not None:
            sys.exit("%s exited with %s; see %s" % (a.kind, proc.returncode, log.name))
        try:
            with urllib.request.urlopen("http://127.0.0.1:%d/-/ready" % port, timeout=5) as r:
                if r.status == 200:
                    ready_s = time.time() - t0
                    break
        except Exception:
            pass
        time.sleep(0.1)
    result = dict(kind=a.kind, data=a.data, ready_s=None if ready_s is None else round(ready_s, 2),
                  load1_before=load_before, load1_ready=load1())
    if ready_s is not None:
        result.update(cpu_s=round(cpu_seconds(proc.pid), 1), rss_ready_bytes=rss_bytes(proc.pid))
    time.sleep(a.after)
    t1 = time.time()
    proc.send_signal(signal.SIGKILL if a.stop == "kill" else signal.SIGTERM)
    try:
        proc.wait(timeout=600)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    result.update(stop=a.stop, stop_s=round(time.time() - t1, 2), exit=proc.returncode)
    print(json.dumps(result))
    if a.out:
        with open(a.out, "a") as fh:
            fh.write(json.dumps(result) + "\n")
    if ready_s is None:
        sys.exit("%s not ready after %.0f s" % (a.kind, a.timeout))


if __name__ == "__main__":
    main()
