// Turns Prometheus API answers into the chart's aligned columns.

import { seriesName } from "../shell/dom";
import type { ChartData } from "./timeSeriesChart";

export interface MatrixSeries {
  metric: Record<string, string>;
  values?: [number, string][];
}

/** A sample value string as a number for plotting: NaN and ±Inf cannot be drawn, so they become gaps (null). */
export function plotValue(s: string): number | null {
  const v = parseFloat(s);
  return Number.isFinite(v) ? v : null;
}

/**
 * A query_range matrix on the step grid start..end: one timestamp column (seconds) and one value column per series, null
 * where a series has no sample. Samples off the grid snap to the nearest step.
 */
export function matrixToChartData(result: MatrixSeries[], startMs: number, endMs: number, stepMs: number): ChartData {
  const n = Math.max(1, Math.floor((endMs - startMs) / stepMs) + 1);
  const timestamps = new Array<number>(n);
  for (let i = 0; i < n; i++) timestamps[i] = (startMs + i * stepMs) / 1000;
  const series = result.map(r => {
    const values = new Array<number | null>(n).fill(null);
    for (const [t, v] of r.values ?? []) {
      const i = Math.round((t * 1000 - startMs) / stepMs);
      if (i >= 0 && i < n) values[i] = plotValue(v);
    }
    return { name: seriesName(r.metric), labels: r.metric, values };
  });
  return { timestamps, series };
}
