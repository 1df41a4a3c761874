#!/usr/bin/env python3
"""Unit tests of the harness's arithmetic (no servers): python3 -m unittest bench/side-by-side/test_sbs.py"""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import omgen  # noqa: E402
import sbs  # noqa: E402


def samples(n, interval, series, rate_factor=1.0, cpu_per_s=0.5, up=10, targets=10, dur_p90=0.01):
    """n samples 5 s apart of a server appending rate_factor x (series + 5 per target) / interval."""
    out = []
    for i in range(n):
        t = i * 5.0
        out.append(dict(t=1000 + t, t_rel=t, appended=t * rate_factor * (series + 5 * targets) / interval,
                        server_cpu_s=t * cpu_per_s, server_rss=100 * series, server_hwm=120 * series, head_series=series,
                        gen_series=series, gen_scrapes=t * targets / interval, gen_cpu_s=t * 0.1, driver_cpu_s=t * 0.01,
                        sys_cpu_busy_s=t * 1.5, up=up, targets=up if up >= targets else targets, gen_targets=targets,
                        scrape_dur_p90=dur_p90, scrape_dur_max=dur_p90 * 2))
    return out


class SummarizeTests(unittest.TestCase):
    def test_keeping_pace_keeps_up(self):
        s = sbs.summarize(samples(20, 15.0, 1000), warmup=10, interval_s=15.0, n_targets=10)
        self.assertAlmostEqual(s["keepup_ratio"], 1.0, places=3)
        self.assertTrue(s["keeps_up"])
        self.assertEqual(s["rss_bytes_per_head_series"], 100.0)
        # 0.5 cores / (1050 / 15 samples/s) = 7142.857 us per sample
        self.assertAlmostEqual(s["cpu_us_per_sample_steady"], 0.5 / (1050 / 15.0) * 1e6, places=2)
        self.assertAlmostEqual(s["other_processes_cores_steady"], 1.5 - 0.5 - 0.1 - 0.01, places=3)

    def test_appending_90_percent_falls_behind(self):
        s = sbs.summarize(samples(20, 1.0, 1000, rate_factor=0.9), warmup=10, interval_s=1.0, n_targets=10)
        self.assertAlmostEqual(s["keepup_ratio"], 0.9, places=3)
        self.assertFalse(s["keeps_up"])

    def test_a_target_down_falls_behind(self):
        s = sbs.summarize(samples(20, 1.0, 1000, up=9), warmup=10, interval_s=1.0, n_targets=10)
        self.assertFalse(s["all_targets_up"])
        self.assertFalse(s["keeps_up"])

    def test_slow_scrapes_fall_behind(self):
        s = sbs.summarize(samples(20, 1.0, 1000, dur_p90=0.9), warmup=10, interval_s=1.0, n_targets=10)
        self.assertFalse(s["keeps_up"])

    def test_ratio_of_missing_figure_is_none(self):
        self.assertIsNone(sbs.ratio(None, 2.0))
        self.assertIsNone(sbs.ratio(1.0, 0))
        self.assertEqual(sbs.ratio(3.0, 2.0), 1.5)


class OpenMetricsFileTests(unittest.TestCase):
    def test_with_labels_adds_target_labels(self):
        self.assertEqual(omgen.with_labels('up{a="b"} ', 'job="j"'), 'up{job="j",a="b"} ')
        self.assertEqual(omgen.with_labels("up ", 'job="j"'), 'up{job="j"} ')

    def test_generate_series_distinct_sorted_in_time_and_terminated(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "x.om")
            r = omgen.generate(path, 2, 300, 4, 15, start=7200 * 1000)
            lines = open(path).read().split("\n")
            self.assertEqual(lines[-2:], ["# EOF", ""])
            body = lines[:-2]
            self.assertEqual(len(body), r["samples"])
            last = {}
            for line in body:
                series, _value, ts = line.rsplit(" ", 2)
                self.assertGreater(int(ts), last.get(series, -1), line)
                last[series] = int(ts)
            self.assertEqual(len(last), r["series"])           # instance labels keep the two targets apart
            self.assertEqual(min(last.values()), 7200 * 1000 + 3 * 15)


if __name__ == "__main__":
    unittest.main()
