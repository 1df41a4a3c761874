// Runs a panel's targets against the Prometheus API with the dashboard's variables and Grafana's built-ins.

import { apiPostForm } from "../shell/api";
import { computeIntervals, Intervals } from "./intervals";
import { interpolate, Scope } from "./interpolate";
import type { Panel, Target } from "./model";

export interface SeriesResult {
  refId: string;
  metric: Record<string, string>;
  /** Range: every sample; instant: one. Times in seconds. */
  values: [number, string][];
  legendFormat?: string;
}

export interface PanelData {
  series: SeriesResult[];
  instant: boolean;
  startMs: number;
  endMs: number;
  stepMs: number;
  intervals: Intervals;
  /** Targets that ran (for tests and the inspector). */
  queries: { refId: string; expr: string; instant: boolean }[];
}

export interface QueryRunner {
  range(expr: string, startMs: number, endMs: number, stepMs: number, signal?: AbortSignal): Promise<{ metric: Record<string, string>; values: [number, string][] }[]>;
  instant(expr: string, timeMs: number, signal?: AbortSignal): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
}

/**
 * Name of the User Timing measures of dashboard queries ("argus:query", detail {expr, kind}: from the request to the
 * parsed reply, as the browser saw it) read by the page-load benchmark and visible in the browser's performance panel.
 */
export const queryMeasure = "argus:query";

function measureQuery(startMs: number, expr: string, kind: "range" | "instant"): void {
  performance.measure(queryMeasure, { start: startMs, end: performance.now(), detail: { expr, kind } });
}

/** The API-backed runner (POST form, as Grafana's Prometheus datasource does by default). */
export const apiRunner: QueryRunner = {
  async range(expr, startMs, endMs, stepMs, signal) {
    const t0 = performance.now();
    const data = await apiPostForm<{ resultType: string; result: { metric: Record<string, string>; values: [number, string][] }[] }>(
      "/api/v1/query_range", { query: expr, start: String(startMs / 1000), end: String(endMs / 1000), step: String(stepMs / 1000) }, signal);
    measureQuery(t0, expr, "range");
    return data.result;
  },
  async instant(expr, timeMs, signal) {
    const t0 = performance.now();
    const data = await apiPostForm<{ resultType: string; result: unknown }>("/api/v1/query", { query: expr, time: String(timeMs / 1000) }, signal);
    measureQuery(t0, expr, "instant");
    if (data.resultType === "scalar" || data.resultType === "string") {
      return [{ metric: {}, value: data.result as [number, string] }];
    }
    return data.result as { metric: Record<string, string>; value: [number, string] }[];
  },
};

/**
 * A runner that lets at most <max> queries of <inner> run at once; the others wait and start in the order they were
 * asked (a panel's place on screen when panels start top to bottom). A query aborted while waiting never starts.
 */
export function limitConcurrency(inner: QueryRunner, max: number): QueryRunner {
  let running = 0;
  const waiting: (() => void)[] = [];
  const acquire = (signal?: AbortSignal): Promise<void> => {
    if (running < max) {
      running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const start = () => {
        signal?.removeEventListener("abort", cancel);
        running++;
        resolve();
      };
      const cancel = () => {
        const i = waiting.indexOf(start);
        if (i >= 0) waiting.splice(i, 1);
        reject(signal!.reason);
      };
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      signal?.addEventListener("abort", cancel, { once: true });
      waiting.push(start);
    });
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  const limited = async <T>(signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> => {
    await acquire(signal);
    try {
      return await run();
    } finally {
      release();
    }
  };
  return {
    range: (expr, startMs, endMs, stepMs, signal) => limited(signal, () => inner.range(expr, startMs, endMs, stepMs, signal)),
    instant: (expr, timeMs, signal) => limited(signal, () => inner.instant(expr, timeMs, signal)),
  };
}

/** Whether a target is an instant query: Grafana's "instant" unless "range" is also on; tables and stats default to it when asked. */
export function isInstant(t: Target): boolean {
  return t.instant === true && t.range !== true;
}

export async function runPanel(panel: Panel, scope: Scope, startMs: number, endMs: number, widthPx: number, runner: QueryRunner,
                               signal?: AbortSignal, scrapeIntervalMs?: number): Promise<PanelData> {
  const targets = (panel.targets ?? []).filter(t => t.hide !== true && t.expr && t.expr.trim() !== "");
  const panelIntervals = computeIntervals({ startMs, endMs, widthPx, maxDataPoints: panel.maxDataPoints,
                                            minInterval: panel.interval ? interpolate(panel.interval, scope) : undefined, scrapeIntervalMs });
  const series: SeriesResult[] = [];
  const queries: PanelData["queries"] = [];
  let allInstant = targets.length > 0;
  let stepMs = panelIntervals.stepMs;
  await Promise.all(targets.map(async (t, i) => {
    const refId = t.refId ?? String.fromCharCode(65 + i);
    const minInterval = t.interval ? interpolate(t.interval, scope) : panel.interval ? interpolate(panel.interval, scope) : undefined;
    const iv = computeIntervals({ startMs, endMs, widthPx, maxDataPoints: panel.maxDataPoints, minInterval, scrapeIntervalMs,
                                  intervalFactor: t.intervalFactor });
    const expr = interpolate(t.expr!, scope, iv.builtIns);
    const instant = isInstant(t);
    if (!instant) allInstant = false;
    queries.push({ refId, expr, instant });
    if (instant) {
      for (const r of await runner.instant(expr, endMs, signal)) series.push({ refId, metric: r.metric, values: [r.value], legendFormat: t.legendFormat });
    } else {
      // Align start and end to the step as Grafana does, so refreshes hit the same timestamps.
      const s = Math.floor(startMs / iv.stepMs) * iv.stepMs;
      const e = Math.floor(endMs / iv.stepMs) * iv.stepMs;
      stepMs = iv.stepMs;
      for (const r of await runner.range(expr, s, e, iv.stepMs, signal)) series.push({ refId, metric: r.metric, values: r.values, legendFormat: t.legendFormat });
    }
  }));
  series.sort((a, b) => a.refId.localeCompare(b.refId));
  return { series, instant: allInstant, startMs: Math.floor(startMs / stepMs) * stepMs, endMs: Math.floor(endMs / stepMs) * stepMs, stepMs,
           intervals: panelIntervals, queries };
}

/** Grafana's reducers for stat, gauge and bargauge (reduceOptions.calcs). */
export function reduce(values: [number, string][], calc: string): number | null {
  const nums = values.map(v => parseFloat(v[1])).filter(v => !Number.isNaN(v));
  if (nums.length === 0) return null;
  switch (calc) {
    case "last": return parseFloat(values[values.length - 1][1]);
    case "first": case "firstNotNull": return nums[0];
    case "mean": return nums.reduce((a, b) => a + b, 0) / nums.length;
    case "max": return Math.max(...nums);
    case "min": return Math.min(...nums);
    case "sum": return nums.reduce((a, b) => a + b, 0);
    case "count": return nums.length;
    case "range": return Math.max(...nums) - Math.min(...nums);
    case "delta": case "diff": return nums[nums.length - 1] - nums[0];
    default: return nums[nums.length - 1];   // lastNotNull
  }
}
