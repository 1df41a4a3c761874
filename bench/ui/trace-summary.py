#!/usr/bin/env python3
"""Summarises a Chromium trace of one cluster overview load (DashboardPageLoadBenchmark with ARGUS_UI_BENCH_TRACE=FILE).

Prints, for the window from navigation start to the UI's argus:dashboard-loaded mark:
  - how busy each thread of each Chromium process was (top-level tasks, merged), so "waiting" and "working" separate;
  - the renderer main thread's self time per trace event name (script evaluation, compile, layout, style, paint, GC...);
  - the JavaScript functions with the most self time from V8's sampling profiler;
  - the User Timing marks and the argus:query measures in order.
Usage: bench/ui/trace-summary.py TRACE.json [--top N]
"""
import json
import sys
from collections import defaultdict


def load(path):
    with open(path) as f:
        data = json.load(f)
    return data["traceEvents"] if isinstance(data, dict) else data


def merged_busy(intervals, lo, hi):
    total, end = 0.0, lo
    for s, e in sorted(intervals):
        s, e = max(s, lo), min(e, hi)
        if e <= s:
            continue
        if s < end:
            s = end
        if e > s:
            total += e - s
            end = e
    return total


def main():
    path = sys.argv[1]
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 25
    events = load(path)
    pname, tname = {}, {}
    for e in events:
        if e.get("ph") == "M" and e.get("name") == "process_name":
            pname[e["pid"]] = e["args"].get("name", "")
        if e.get("ph") == "M" and e.get("name") == "thread_name":
            tname[(e["pid"], e["tid"])] = e["args"].get("name", "")

    marks = [e for e in events if "blink.user_timing" in e.get("cat", "") and e.get("ph") in ("R", "I", "i", "n", "b", "e")]
    loaded = [e for e in marks if e.get("name") == "argus:dashboard-loaded"]
    if not loaded:
        sys.exit("trace-summary: no argus:dashboard-loaded mark in the trace (was the page loaded while tracing?)")
    rpid = loaded[-1]["pid"]
    nav = [e for e in events if e.get("pid") == rpid and e.get("name") in ("navigationStart", "fetchStart") and "blink.user_timing" in e.get("cat", "")]
    t0 = min(e["ts"] for e in nav) if nav else min(e["ts"] for e in events if e.get("pid") == rpid and e.get("ts"))
    t1 = loaded[-1]["ts"]
    ms = lambda us: us / 1000.0
    print(f"window: navigation start -> argus:dashboard-loaded = {ms(t1 - t0):.0f} ms (renderer pid {rpid})")

    # Busy time per thread: top-level task events (complete events that are not nested inside another on that thread).
    by_thread = defaultdict(list)
    for e in events:
        if e.get("ph") == "X" and "dur" in e and e.get("name") in ("RunTask", "ThreadControllerImpl::RunTask", "ThreadPool_RunTask"):
            by_thread[(e["pid"], e["tid"])].append((e["ts"], e["ts"] + e["dur"]))
    print("\nthread busy time in the window (merged top-level tasks):")
    rows = []
    for key, iv in by_thread.items():
        busy = merged_busy(iv, t0, t1)
        if busy >= 1000:
            rows.append((busy, f"{pname.get(key[0], key[0])}/{tname.get(key, key[1])}"))
    for busy, name in sorted(rows, reverse=True)[:20]:
        print(f"  {ms(busy):7.0f} ms  {100 * busy / (t1 - t0):5.1f}%  {name}")

    # Self time per event name on the renderer main thread.
    main_tid = next((tid for (pid, tid), n in tname.items() if pid == rpid and n == "CrRendererMain"), None)
    xs = sorted((e for e in events if e.get("pid") == rpid and e.get("tid") == main_tid and e.get("ph") == "X" and "dur" in e
                 and e["ts"] + e["dur"] > t0 and e["ts"] < t1), key=lambda e: (e["ts"], -e["dur"]))
    self_time = defaultdict(float)
    count = defaultdict(int)
    stack = []
    for e in xs:
        s, end = e["ts"], e["ts"] + e["dur"]
        while stack and stack[-1][1] <= s:
            stack.pop()
        d = min(end, t1) - max(s, t0)
        if d <= 0:
            continue
        if stack:
            self_time[stack[-1][2]] -= d
        self_time[e["name"]] += d
        count[e["name"]] += 1
        stack.append((s, end, e["name"]))
    print("\nrenderer main thread, self time by event (ms, count):")
    for name, t in sorted(self_time.items(), key=lambda kv: -kv[1])[:top]:
        if t >= 500:
            print(f"  {ms(t):7.1f}  {count[name]:5d}  {name}")

    # V8 sampling profile: ProfileChunk events carry nodes and (samples, timeDeltas).
    nodes, samples = {}, []
    for e in events:
        if e.get("name") == "ProfileChunk" and e.get("pid") == rpid:
            data = e.get("args", {}).get("data", {})
            prof = data.get("cpuProfile", {})
            for n in prof.get("nodes", []):
                nodes[n["id"]] = n
            deltas = data.get("timeDeltas", [])
            samples.extend(zip(prof.get("samples", []), deltas))
    start = next((e["args"]["data"].get("startTime") for e in events if e.get("name") == "Profile" and e.get("pid") == rpid
                  and "data" in e.get("args", {})), None)
    if samples and start is not None:
        fn_self = defaultdict(float)
        t = start
        prev = None
        for node_id, delta in samples:
            t += delta
            if prev is not None and t0 <= t <= t1:
                fn_self[prev] += delta
            prev = node_id
        by_fn = defaultdict(float)
        for node_id, d in fn_self.items():
            cf = nodes.get(node_id, {}).get("callFrame", {})
            url = cf.get("url", "").rsplit("/", 1)[-1]
            by_fn[f"{cf.get('functionName') or '(anonymous)'} {url}:{cf.get('lineNumber', -1) + 1}:{cf.get('columnNumber', -1) + 1}"] += d
        print(f"\nJavaScript self time from V8 samples (ms), top {top}:")
        for name, d in sorted(by_fn.items(), key=lambda kv: -kv[1])[:top]:
            print(f"  {ms(d):7.1f}  {name}")

    print("\nUser Timing in the renderer (ms since navigation start):")
    seen = set()
    for e in sorted((e for e in marks if e.get("pid") == rpid and e["name"].startswith("argus:")), key=lambda e: e["ts"]):
        key = (e["name"], e["ts"], e.get("ph"))
        if key in seen or e.get("ph") == "e":
            continue
        seen.add(key)
        detail = e.get("args", {}).get("data", {}) or e.get("args", {})
        print(f"  {ms(e['ts'] - t0):7.0f}  {e['name']}  {json.dumps(detail)[:140]}")


if __name__ == "__main__":
    main()
