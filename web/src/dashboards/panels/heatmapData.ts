// Prometheus histogram buckets (cumulative counts by "le") → per-bucket counts per time, as Grafana's heatmap with
// "format: heatmap" does (prometheus result_transformer transformToHistogramOverTime).

import type { SeriesResult } from "../query";

export interface HeatmapData {
  /** Upper bounds, ascending; +Inf last. */
  bounds: number[];
  /** Times in seconds. */
  times: number[];
  /** counts[bucket][time]: observations in (bounds[b-1], bounds[b]]. */
  counts: number[][];
}

export function toHeatmap(series: readonly SeriesResult[]): HeatmapData {
  const withLe = series.filter(s => s.metric.le !== undefined)
    .map(s => ({ le: s.metric.le === "+Inf" ? Infinity : parseFloat(s.metric.le), s }))
    .filter(x => !Number.isNaN(x.le))
    .sort((a, b) => a.le - b.le);
  const timeSet = new Set<number>();
  for (const x of withLe) for (const [t] of x.s.values) timeSet.add(t);
  const times = [...timeSet].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const cumulative = withLe.map(x => {
    const row = new Array<number>(times.length).fill(0);
    for (const [t, v] of x.s.values) {
      const f = parseFloat(v);
      row[index.get(t)!] = Number.isFinite(f) ? f : 0;
    }
    return row;
  });
  const counts = cumulative.map((row, b) => row.map((v, i) => Math.max(0, b === 0 ? v : v - cumulative[b - 1][i])));
  return { bounds: withLe.map(x => x.le), times, counts };
}
