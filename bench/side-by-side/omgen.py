#!/usr/bin/env python3
"""Writes an OpenMetrics backfill file from the shared synthetic targets (../shared/bench/targets.py).

K targets x S series, N samples per series at a fixed step, timestamps in seconds, ending in `# EOF`.
Values come from the same value model the scrape benchmarks serve (targets.py `Family.render` driven with a fixed
dt = step instead of the wall clock), so a block built from this file holds the data a server scraping those targets
for N x step would hold. Series are written one after the other, each with its samples in time order; no HELP/TYPE lines
(every series is "unknown", which both `promtool tsdb create-blocks-from openmetrics` and `argus tsdb import
openmetrics` accept). The first sample is at a 2 h boundary in the past, so N x step <= 2 h fits one block.

  omgen.py --targets 5 --series 2000 --samples 480 --step 15 --out /tmp/x.om
"""
import argparse
import os
import sys
import time

BLOCK_S = 7200


def shared_bench_dir():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.environ.get("SHARED_BENCH") or os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "bench"))


def render(target, dt):
    """One exposition body of target after dt seconds (targets.Target.render without the wall clock)."""
    parts = [f.render(dt, target.rng) for f in target.families]
    if target.hist:
        parts.append(target.hist.render(dt, target.rng))
    return "".join(parts)


def with_labels(prefix, extra):
    """'name{a="b"} ' or 'name ' -> the same series with the extra label pairs added."""
    i = prefix.find("{")
    if i < 0:
        return "%s{%s} " % (prefix[:-1], extra)
    return "%s{%s,%s" % (prefix[:i], extra, prefix[i + 1:])


def generate(out_path, n_targets, series, samples, step, seed=1, value_model="k8s", start=None):
    sys.path.insert(0, shared_bench_dir())
    import targets  # noqa: E402  (the shared generator, used in place, not copied)
    targets.VALUE_MODEL = value_model
    if start is None:
        start = (int(time.time()) // BLOCK_S - 2) * BLOCK_S   # a whole 2 h window that ended at least 2 h ago
    if samples * step > BLOCK_S:
        raise SystemExit("%d samples x %gs do not fit one 2h block" % (samples, step))
    stamps = [" %d\n" % (start + i * step) for i in range(samples)]
    n_series = n_samples = 0
    tmp = out_path + ".tmp"
    with open(tmp, "w", buffering=1 << 20) as out:
        for i in range(n_targets):
            t = targets.Target(i, series, seed)
            # The target labels a scrape would attach (benchctl genconfig's jobs; the instance names the target), so the
            # targets' otherwise identical node-level series stay distinct.
            target_labels = 'instance="node-%04d:9100",job="k8s-nodes-%d"' % (i, i % 4)
            prefixes, columns = None, []
            for k in range(samples):
                lines = [l for l in render(t, 0.0 if k == 0 else float(step)).split("\n") if l and l[0] != "#"]
                if prefixes is None:
                    prefixes = [with_labels(l[: l.rindex(" ") + 1], target_labels) for l in lines]
                vals = [l[l.rindex(" ") + 1:] for l in lines]
                if len(vals) != len(prefixes):
                    raise SystemExit("target %d changed its series count between renders" % i)
                columns.append(vals)
            for j, p in enumerate(prefixes):
                out.write("".join(p + columns[k][j] + stamps[k] for k in range(samples)))
            n_series += len(prefixes)
            n_samples += len(prefixes) * samples
        out.write("# EOF\n")
    os.replace(tmp, out_path)
    return dict(file=out_path, bytes=os.path.getsize(out_path), series=n_series, samples=n_samples,
                samples_per_series=samples, step_s=step, start=start, targets=n_targets,
                series_per_target=series, value_model=value_model, seed=seed)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--targets", type=int, default=5)
    ap.add_argument("--series", type=int, default=2000)
    ap.add_argument("--samples", type=int, default=480)
    ap.add_argument("--step", type=int, default=15)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--value-model", choices=["k8s", "noisy"], default="k8s")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    r = generate(a.out, a.targets, a.series, a.samples, a.step, a.seed, a.value_model)
    print("wrote %(file)s: %(series)d series x %(samples_per_series)d samples, %(bytes)d bytes" % r)


if __name__ == "__main__":
    main()
