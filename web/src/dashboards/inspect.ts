// The pure parts of a panel's "Inspect" and "Explore": the data as rows and CSV, the queries as they ran, and the
// explorer link (/graph?g0.expr=...) carrying the panel's queries, time range and step.

import { formatPromDuration, TimeRange } from "../shell/timeRange";
import { legendName } from "./legend";
import type { PanelData } from "./query";

export interface InspectTable {
  columns: string[];
  rows: string[][];
}

/** Every sample of every series, one row each: Time (RFC 3339), Series, Query, each label, Value (as the API sent it). */
export function dataTable(data: PanelData): InspectTable {
  const labelNames = new Set<string>();
  for (const s of data.series) for (const k of Object.keys(s.metric)) labelNames.add(k);
  const labels = [...labelNames].sort((a, b) => a === "__name__" ? -1 : b === "__name__" ? 1 : a.localeCompare(b));
  const rows: string[][] = [];
  for (const s of data.series) {
    const name = legendName(s.legendFormat, s.metric);
    for (const [t, v] of s.values) {
      rows.push([new Date(t * 1000).toISOString(), name, s.refId, ...labels.map(l => s.metric[l] ?? ""), v]);
    }
  }
  return { columns: ["Time", "Series", "Query", ...labels, "Value"], rows };
}

/** RFC 4180 CSV: fields with a comma, quote, CR or LF are quoted, quotes doubled; CRLF line ends as Grafana writes. */
export function toCsv(table: InspectTable): string {
  const field = (s: string) => /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  return [table.columns, ...table.rows].map(r => r.map(field).join(",")).join("\r\n") + "\r\n";
}

export interface QueryInfo {
  refId: string;
  expr: string;
  instant: boolean;
  /** What the request sent, as Prometheus's parameters. */
  params: Record<string, string>;
}

/** The requests a panel made: interpolated expression, start/end/step (range) or time (instant), and the interval built-ins. */
export function queryInfo(data: PanelData): QueryInfo[] {
  return data.queries.map((q): QueryInfo => ({
    refId: q.refId,
    expr: q.expr,
    instant: q.instant,
    params: q.instant
      ? { query: q.expr, time: String(data.endMs / 1000) } as Record<string, string>
      : { query: q.expr, start: String(data.startMs / 1000), end: String(data.endMs / 1000), step: String(data.stepMs / 1000) },
  }));
}

/**
 * The explorer with the panel's queries: g<i>.expr, g<i>.tab (1 = table for instant queries), g<i>.step_input (seconds) and
 * g<i>.range_input in Prometheus's form, plus the dashboard's own from/to so a relative range stays relative.
 */
export function exploreUrl(data: PanelData, range: TimeRange): string {
  const q = new URLSearchParams();
  const rangeInput = formatPromDuration(Math.max(1000, data.endMs - data.startMs));
  data.queries.forEach((query, i) => {
    const g = `g${i}.`;
    q.set(g + "expr", query.expr);
    q.set(g + "tab", query.instant ? "1" : "0");
    if (!query.instant) q.set(g + "step_input", String(data.stepMs / 1000));
    q.set(g + "range_input", rangeInput);
  });
  q.set("from", range.from);
  q.set("to", range.to);
  return "/graph?" + q.toString();
}
