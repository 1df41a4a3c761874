// $__interval, $__rate_interval, $__range and the query step, as Grafana's Prometheus datasource computes them.

import { parseDuration } from "../shell/timeRange";

/** Grafana's default for its Prometheus data source's "Scrape interval" setting, used until the server has told its own. */
export const defaultScrapeIntervalMs = 15_000;

let datasourceScrapeMs = defaultScrapeIntervalMs;

/**
 * Sets the data source's scrape interval, as a Grafana admin sets the Prometheus data source's "Scrape interval": Argus
 * sends its running global.scrape_interval with every dashboard (meta.scrapeInterval of GET /api/argus/dashboards/<uid>).
 * An absent or unparsable value keeps Grafana's 15 s default.
 */
export function setDatasourceScrapeInterval(text: string | undefined | null): void {
  const ms = text ? parseDuration(text) : null;
  datasourceScrapeMs = ms !== null && ms > 0 ? ms : defaultScrapeIntervalMs;
}

/** The scrape interval $__interval and $__rate_interval are computed with when a caller does not pass its own. */
export function datasourceScrapeIntervalMs(): number {
  return datasourceScrapeMs;
}
/** Prometheus refuses range queries of more than 11,000 points; Grafana raises the step to stay under it. */
export const maxPointsPerSeries = 11_000;

/** Grafana's rangeUtil.roundInterval: a raw interval rounded to a "nice" one. */
export function roundInterval(ms: number): number {
  const table: [number, number][] = [
    [10, 1], [15, 10], [35, 20], [75, 50], [150, 100], [350, 200], [750, 500], [1500, 1000], [3500, 2000], [7500, 5000],
    [12500, 10000], [17500, 15000], [25000, 20000], [45000, 30000], [90000, 60000], [210000, 120000], [450000, 300000],
    [750000, 600000], [1050000, 900000], [1500000, 1200000], [2700000, 1800000], [5400000, 3600000], [9000000, 7200000],
    [16200000, 10800000], [24300000, 21600000], [64800000, 43200000], [604800000, 86400000], [1814400000, 604800000],
    [3628800000, 2592000000],
  ];
  for (const [limit, value] of table) if (ms < limit) return value;
  return 31536000000;
}

/** Formats milliseconds as a Prometheus duration Grafana would write ("15s", "1m", "500ms", "1h"). */
export function formatInterval(ms: number): string {
  const units: [string, number][] = [["y", 31536000000], ["w", 604800000], ["d", 86400000], ["h", 3600000], ["m", 60000], ["s", 1000]];
  for (const [u, size] of units) if (ms >= size && ms % size === 0) return `${ms / size}${u}`;
  if (ms >= 1000) return `${Math.round(ms / 1000)}s`;
  return `${Math.max(1, Math.round(ms))}ms`;
}

export interface IntervalInput {
  startMs: number;
  endMs: number;
  /** Panel width in pixels: Grafana's default maxDataPoints. */
  widthPx: number;
  /** The panel's maxDataPoints, when set. */
  maxDataPoints?: number;
  /** The panel's or target's "Min interval" (e.g. "1m", ">30s"), already interpolated. */
  minInterval?: string;
  scrapeIntervalMs?: number;
  intervalFactor?: number;
}

export interface Intervals {
  intervalMs: number;
  /** The query_range step in seconds. */
  stepMs: number;
  rateIntervalMs: number;
  rangeMs: number;
  builtIns: Record<string, string>;
}

/** Grafana's calculateInterval + the Prometheus datasource's adjustInterval and $__rate_interval. */
export function computeIntervals(input: IntervalInput): Intervals {
  const scrape = input.scrapeIntervalMs ?? datasourceScrapeMs;
  const rangeMs = Math.max(1, input.endMs - input.startMs);
  const resolution = Math.max(1, input.maxDataPoints ?? input.widthPx);
  const lowLimitMs = parseMinInterval(input.minInterval) ?? scrape;
  let intervalMs = roundInterval(rangeMs / resolution);
  if (intervalMs < lowLimitMs) intervalMs = lowLimitMs;
  const factor = input.intervalFactor ?? 1;
  const safeMs = Math.ceil(rangeMs / maxPointsPerSeries / 1000) * 1000;
  const stepMs = Math.max(intervalMs * factor, safeMs, 1);
  const rateIntervalMs = Math.max(intervalMs + scrape, 4 * scrape);
  return {
    intervalMs,
    stepMs,
    rateIntervalMs,
    rangeMs,
    builtIns: {
      __interval: formatInterval(intervalMs),
      __interval_ms: String(intervalMs),
      __rate_interval: formatInterval(rateIntervalMs),
      __rate_interval_ms: String(rateIntervalMs),
      __range: `${Math.round(rangeMs / 1000)}s`,
      __range_s: String(Math.round(rangeMs / 1000)),
      __range_ms: String(rangeMs),
      __from: String(input.startMs),
      __to: String(input.endMs),
    },
  };
}

/** "1m" or ">1m" (Grafana's "at least" form) → ms; null when empty or not a duration. */
export function parseMinInterval(text: string | undefined): number | null {
  if (!text) return null;
  const t = text.trim().replace(/^>/, "");
  if (!t || t.includes("$")) return null;
  return parseDuration(t);
}
