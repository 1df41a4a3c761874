#!/usr/bin/env python3
"""Markdown tables (Prometheus | Argus | Argus/Prometheus) from sbs.py result files, for docs/benchmarks.md.

  report.py results/steady-a-100k-*.json results/restart-b-1m-*.json results/ceiling-1s-*.json results/blocks-*.json
"""
import json
import sys


def get(d, path):
    for k in path.split("."):
        if not isinstance(d, dict):
            return None
        d = d.get(k)
    return d


def cell(v, kind):
    if v is None:
        return "–"
    if isinstance(v, bool):
        return "yes" if v else "**no**"
    if kind == "mib":
        return "{:,.0f}".format(v / 2**20)
    if kind == "int":
        return "{:,.0f}".format(v)
    if kind == "s":
        return str(v)
    return kind % v


def ratio(a, p):
    if isinstance(a, bool) or not isinstance(a, (int, float)) or not isinstance(p, (int, float)) or not p:
        return "–"
    return "%.2f" % (a / p)


STEADY = [
    ("head series (end)", "head_series_end", "int"),
    ("samples appended / s, steady", "appended_per_s_steady", "int"),
    ("expected samples / s", "expected_per_s", "int"),
    ("keep-up ratio (≥ 0.95)", "keepup_ratio", "%.3f"),
    ("targets up / listed (end)", None, None),
    ("keeps up", "keeps_up", None),
    ("p90 scrape duration, median (s)", "scrape_duration_p90_median_s", "%.3f"),
    ("VmRSS end (MiB)", "rss_end_bytes", "mib"),
    ("**RSS / head series (bytes)**", "rss_bytes_per_head_series", "int"),
    ("mean RSS of 2nd half / head series (bytes)", "rss_mean_second_half_per_head_series", "int"),
    ("server cores, steady", "server_cores_steady", "%.3f"),
    ("**CPU µs / appended sample**", "cpu_us_per_sample_steady", "%.2f"),
    ("startup to /-/ready (s)", "startup_ready_s", "%.2f"),
    ("generator cores", "generator_cores_steady", "%.2f"),
    ("other processes' cores (noise)", "other_processes_cores_steady", "%.2f"),
    ("data dir at end (MiB)", "data_dir_alloc_end_bytes", "mib"),
]
RESTART = [
    ("head series at SIGTERM", "restart.head_series_at_sigterm", "int"),
    ("WAL at SIGTERM (MiB)", "restart.wal_alloc_at_sigterm_bytes", "mib"),
    ("SIGTERM → exit (s)", "restart.shutdown_s", "%.2f"),
    ("**restart → /-/ready (s)**", "restart.ready_after_restart_s", "%.2f"),
    ("head series after restart", "restart.head_series_after_restart", "int"),
    ("CPU s until ready", "restart.cpu_s_until_ready", "%.1f"),
    ("VmHWM at ready (MiB)", "restart.vmhwm_restart_bytes", "mib"),
]
BLOCKS = [
    ("block samples", "numSamples", "int"),
    ("block series", "numSeries", "int"),
    ("chunks", "numChunks", "int"),
    ("**chunk bytes / sample**", "chunk_bytes_per_sample", "%.3f"),
    ("**index bytes / series**", "index_bytes_per_series", "%.1f"),
    ("**block bytes / sample (total)**", "total_bytes_per_sample", "%.3f"),
    ("import wall time (s)", "import_wall_s", "%.1f"),
    ("import CPU (s)", "import_cpu_s", "%.1f"),
    ("import peak RSS (MiB)", "import_max_rss_bytes", "mib"),
]


def table(P, A, rows):
    out = ["| | Prometheus 2.42 | Argus | Argus / Prometheus |", "|---|---:|---:|---:|"]
    for label, path, kind in rows:
        if path is None:
            out.append("| %s | %s/%s | %s/%s | |" % (label, P.get("targets_up_end"), P.get("targets_end"),
                                                  A.get("targets_up_end"), A.get("targets_end")))
            continue
        p, a = get(P, path), get(A, path)
        out.append("| %s | %s | %s | %s |" % (label, cell(p, kind), cell(a, kind), "" if kind in (None, "s") else ratio(a, p)))
    return out


def main():
    for path in sys.argv[1:]:
        R = json.load(open(path))
        S = R["servers"]
        P, A = S.get("prometheus", {}), S.get("argus", {})
        c = R["config"]
        print("### %s (%s, %s)\n" % (R["name"], R["measurement"], R["date_utc"]))
        if R["measurement"] in ("steady", "restart"):
            print("%d targets × %d series, %s interval, %g s phase (slopes after %g s), churn %g every %g min\n" % (
                c["targets"], c["series"], c["interval"], c["duration"], c["warmup"], c["churn"], c["churn_every"]))
            rows = STEADY + (RESTART if R["measurement"] == "restart" else [])
            print("\n".join(table(P, A, rows)))
        elif R["measurement"] == "blocks":
            i = c["input"]
            print("%d series × %d samples at %d s (%s values), %.0f MiB OpenMetrics\n" % (
                i["series"], i["samples_per_series"], i["step_s"], i["value_model"], i["bytes"] / 2**20))
            print("\n".join(table(P, A, BLOCKS)))
        elif R["measurement"] == "ceiling":
            print("%d targets at %s, steps %s series/target, %g s per step (slopes after %g s)\n" % (
                c["targets"], c["interval"], c["steps"], c["step_duration"], c["warmup"]))
            print("| server | series/target | expected/s | appended/s | keep-up | scrape ratio | p90 scrape (s) | up | "
                  "server cores | µs/sample | generator cores | other cores | result |")
            print("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|")
            for k in ("prometheus", "argus"):
                for st in S.get(k, {}).get("steps", []):
                    print("| %s | %s | %s | %s | %s | %s | %s | %s/%s | %s | %s | %s | %s | %s |" % (
                        k, st["series_per_target"], cell(st.get("expected_per_s"), "int"), cell(st.get("appended_per_s_steady"), "int"),
                        cell(st.get("keepup_ratio"), "%.3f"), cell(st.get("scrape_ratio"), "%.3f"),
                        cell(st.get("scrape_duration_p90_median_s"), "%.3f"), st.get("targets_up_end"), st.get("targets_end"),
                        cell(st.get("server_cores_steady"), "%.2f"), cell(st.get("cpu_us_per_sample_steady"), "%.2f"),
                        cell(st.get("generator_cores_steady"), "%.2f"), cell(st.get("other_processes_cores_steady"), "%.2f"),
                        "keeps up" if st.get("keeps_up") else "**falls behind**"))
            print("\n| | Prometheus 2.42 | Argus | Argus / Prometheus |\n|---|---:|---:|---:|")
            p, a = P.get("max_sustained_samples_per_s"), A.get("max_sustained_samples_per_s")
            print("| **highest sustained samples/s** | %s | %s | %s |" % (cell(p, "int"), cell(a, "int"), ratio(a, p)))
        print("\n`%s`\n" % R["summary_line"])


if __name__ == "__main__":
    main()
