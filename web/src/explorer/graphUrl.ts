// Prometheus's explorer URL form, which Slack messages, rule templates (.GeneratorURL) and bookmarks link to:
// /graph?g0.expr=up&g0.tab=0&g0.range_input=1h&g0.end_input=2024-01-02%2003:04:05&g0.moment_input=...&g0.stacked=1&g0.step_input=15
// tab is 0 (graph) or 1 (table) in Prometheus 2, "graph" or "table" in Prometheus 3; both are read, numbers are written.

import { formatPromDuration, parseDuration, TimeRange } from "../shell/timeRange";

export type PanelTab = "graph" | "table";

export interface PanelState {
  expr: string;
  tab: PanelTab;
  stacked: boolean;
  /** Resolution in seconds; null for automatic. */
  stepSeconds: number | null;
  /** Evaluation time of the table view (epoch ms); null for the end of the shared range. */
  momentMs: number | null;
  /** g0.range_input / g0.end_input as given, read once into the shared time range. */
  rangeMs: number | null;
  endMs: number | null;
}

/** "2024-01-02 03:04:05" (UTC, Prometheus's input format) or RFC 3339 or epoch seconds → epoch ms. */
export function parsePromTime(text: string | null): number | null {
  if (!text) return null;
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(parseFloat(s) * 1000);
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (m) return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, m[6] ? +m[6] : 0);
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : null;
}

export function formatPromTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

export function emptyPanel(expr = ""): PanelState {
  return { expr, tab: "graph", stacked: false, stepSeconds: null, momentMs: null, rangeMs: null, endMs: null };
}

export function parsePanels(q: URLSearchParams): PanelState[] {
  const panels: PanelState[] = [];
  for (let i = 0; ; i++) {
    const p = `g${i}.`;
    if (![...q.keys()].some(k => k.startsWith(p))) break;
    const tab = q.get(p + "tab");
    const step = q.get(p + "step_input");
    const stepSeconds = step === null ? null : (parseDuration(step) ?? parseFloat(step) * 1000) / 1000;
    panels.push({
      expr: q.get(p + "expr") ?? "",
      tab: tab === "1" || tab === "table" || tab === "console" ? "table" : "graph",
      stacked: q.get(p + "stacked") === "1" || q.get(p + "stacked") === "true",
      stepSeconds: stepSeconds !== null && Number.isFinite(stepSeconds) && stepSeconds > 0 ? stepSeconds : null,
      momentMs: parsePromTime(q.get(p + "moment_input")),
      rangeMs: parseDuration(q.get(p + "range_input") ?? ""),
      endMs: parsePromTime(q.get(p + "end_input")),
    });
  }
  return panels.length > 0 ? panels : [emptyPanel()];
}

/**
 * The shared time range a Prometheus-style link asks for: range_input back from end_input (or now). Null when the link
 * carries Grafana-style from/to (which win) or no range.
 */
export function rangeFromPanels(q: URLSearchParams, panels: PanelState[]): TimeRange | null {
  if (q.has("from")) return null;
  const first = panels[0];
  if (!first || (first.rangeMs === null && first.endMs === null)) return null;
  const rangeMs = first.rangeMs ?? 3_600_000;
  if (first.endMs !== null) return { from: String(first.endMs - rangeMs), to: String(first.endMs) };
  const d = formatPromDuration(rangeMs);
  return { from: /^\d+[a-z]+$/.test(d) ? `now-${d}` : `now-${rangeMs}ms`, to: "now" };
}

/** Writes the panels in Prometheus's form (range_input/end_input from the resolved range, so Prometheus reads it too). */
export function writePanels(q: URLSearchParams, panels: PanelState[], range: { startMs: number; endMs: number; relative: boolean }): void {
  for (const k of [...q.keys()]) if (/^g\d+\./.test(k)) q.delete(k);
  panels.forEach((p, i) => {
    const g = `g${i}.`;
    q.set(g + "expr", p.expr);
    q.set(g + "tab", p.tab === "table" ? "1" : "0");
    if (p.stacked) q.set(g + "stacked", "1");
    if (p.stepSeconds !== null) q.set(g + "step_input", String(p.stepSeconds));
    if (p.momentMs !== null) q.set(g + "moment_input", formatPromTime(p.momentMs));
    q.set(g + "range_input", formatPromDuration(range.endMs - range.startMs));
    if (!range.relative) q.set(g + "end_input", formatPromTime(range.endMs));
  });
}
