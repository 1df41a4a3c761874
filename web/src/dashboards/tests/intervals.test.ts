import { computeIntervals, formatInterval, roundInterval } from "../intervals";
import { eq, test } from "./testkit";

const hour = 3_600_000;

test("roundInterval: Grafana's table", () => {
  eq([roundInterval(3600), roundInterval(14000), roundInterval(20000), roundInterval(100000), roundInterval(4 * hour)], [5000, 15000, 20000, 120000, 10800000]);
});

test("computeIntervals: 1h on 1000 px → 15s (the scrape-interval floor), rate interval 60s", () => {
  const iv = computeIntervals({ startMs: 0, endMs: hour, widthPx: 1000 });
  eq([iv.intervalMs, iv.rateIntervalMs, iv.stepMs], [15000, 60000, 15000]);
  eq([iv.builtIns.__interval, iv.builtIns.__rate_interval, iv.builtIns.__range, iv.builtIns.__range_s], ["15s", "1m", "3600s", "3600"]);
});

test("computeIntervals: 24h on 500 px → 2m, rate interval = interval + scrape", () => {
  const iv = computeIntervals({ startMs: 0, endMs: 24 * hour, widthPx: 500 });
  eq([iv.intervalMs, iv.rateIntervalMs], [120000, 135000]);
  eq(iv.builtIns.__rate_interval, "135s");
});

test("computeIntervals: panel min interval and maxDataPoints", () => {
  eq(computeIntervals({ startMs: 0, endMs: hour, widthPx: 1000, minInterval: "1m" }).intervalMs, 60000);
  eq(computeIntervals({ startMs: 0, endMs: hour, widthPx: 1000, minInterval: ">30s" }).intervalMs, 30000);
  eq(computeIntervals({ startMs: 0, endMs: hour, widthPx: 1000, maxDataPoints: 10 }).intervalMs, 300000);
});

test("computeIntervals: step keeps range queries under 11,000 points", () => {
  const iv = computeIntervals({ startMs: 0, endMs: 30 * 24 * hour, widthPx: 100000, minInterval: "1s", scrapeIntervalMs: 1000 });
  eq(iv.stepMs >= (30 * 24 * hour) / 11000, true);
});

test("formatInterval", () => {
  eq([formatInterval(15000), formatInterval(60000), formatInterval(135000), formatInterval(500), formatInterval(7200000)], ["15s", "1m", "135s", "500ms", "2h"]);
});
