// Draws one panel's data by type: timeseries/graph, stat, gauge, bargauge, table, text, heatmap. Unknown types say so
// (as a panel message, not an error), so a dashboard with a plugin panel still renders the rest.

import { TimeSeriesChart } from "../../charts/timeSeriesChart";
import { h } from "../../shell/dom";
import { legendName } from "../legend";
import type { FieldDefaults, Panel } from "../model";
import type { PanelData } from "../query";
import { reduce } from "../query";
import { fieldColor, legacySteps } from "../thresholds";
import { formatUnit } from "../units";
import { toHeatmap } from "./heatmapData";
import { renderHeatmap } from "./heatmapPanel";
import { toTable } from "./tableData";
import { renderMarkdown } from "./markdown";

export const dataPanelTypes = new Set(["timeseries", "graph", "stat", "singlestat", "gauge", "bargauge", "table", "table-old", "heatmap"]);

/** The field defaults, with an old graph/singlestat panel's settings mapped onto them. */
export function defaultsOf(p: Panel): FieldDefaults {
  const d: FieldDefaults = { ...(p.fieldConfig?.defaults ?? {}) };
  if (p.type === "graph" && p.yaxes?.[0]) {
    const y = p.yaxes[0];
    d.unit ??= y.format;
    if (y.min !== null && y.min !== undefined && y.min !== "") d.min ??= Number(y.min);
    if (y.max !== null && y.max !== undefined && y.max !== "") d.max ??= Number(y.max);
    if (y.decimals !== null && y.decimals !== undefined) d.decimals ??= y.decimals;
  }
  if (p.type === "singlestat") {
    d.unit ??= p.format;
    d.decimals ??= p.decimals;
    if (!d.thresholds) d.thresholds = { steps: legacySteps(p.thresholds) };
  }
  return d;
}

function stacked(p: Panel): boolean {
  const mode = p.fieldConfig?.defaults?.custom?.stacking?.mode;
  return p.stack === true || (mode !== undefined && mode !== "none");
}

function calcOf(p: Panel): string {
  const o = p.options as { reduceOptions?: { calcs?: string[] } } | undefined;
  return o?.reduceOptions?.calcs?.[0] ?? "lastNotNull";
}

interface Reduced { name: string; value: number | null }

function reduceAll(p: Panel, data: PanelData): Reduced[] {
  const calc = calcOf(p);
  return data.series.map(s => ({ name: legendName(s.legendFormat, s.metric), value: reduce(s.values, calc) }));
}

export function renderPanelData(host: HTMLElement, p: Panel, data: PanelData): void {
  const d = defaultsOf(p);
  switch (p.type) {
    case "timeseries":
    case "graph": {
      const chart = new TimeSeriesChart(host, { unit: d.unit ?? "short", stacked: stacked(p), height: Math.max(60, host.clientHeight - 40) });
      const n = Math.max(1, Math.floor((data.endMs - data.startMs) / data.stepMs) + 1);
      const timestamps = Array.from({ length: n }, (_, i) => (data.startMs + i * data.stepMs) / 1000);
      const series = data.series.map(s => {
        const values = new Array<number | null>(n).fill(null);
        for (const [t, v] of s.values) {
          const i = Math.round((t * 1000 - data.startMs) / data.stepMs);
          const f = parseFloat(v);
          if (i >= 0 && i < n) values[i] = Number.isFinite(f) ? f : null;
        }
        return { name: legendName(s.legendFormat, s.metric), labels: s.metric, values };
      });
      chart.setData({ timestamps, series });
      return;
    }
    case "stat":
    case "singlestat": {
      const values = reduceAll(p, data);
      const grid = h("div", { class: "dash-stat-grid" });
      for (const r of values.length > 0 ? values : [{ name: "", value: null }]) {
        grid.append(h("div", { class: "dash-stat", style: `color: ${fieldColor(r.value, d)}` },
          h("div", { class: "dash-stat-value", "data-testid": "stat-value" }, formatUnit(r.value, d.unit, d.decimals)),
          values.length > 1 ? h("div", { class: "dash-stat-name muted" }, r.name) : null));
      }
      host.append(grid);
      return;
    }
    case "gauge": {
      const values = reduceAll(p, data);
      const grid = h("div", { class: "dash-stat-grid" });
      for (const r of values.length > 0 ? values : [{ name: "", value: null }]) grid.append(gauge(r, d, values.length > 1));
      host.append(grid);
      return;
    }
    case "bargauge": {
      const list = h("div", { class: "dash-bars" });
      const min = d.min ?? 0;
      const max = d.max ?? Math.max(1, ...reduceAll(p, data).map(r => r.value ?? 0));
      for (const r of reduceAll(p, data)) {
        const pct = r.value === null ? 0 : Math.max(0, Math.min(1, (r.value - min) / (max - min || 1)));
        list.append(h("div", { class: "dash-bar" },
          h("span", { class: "dash-bar-name" }, r.name),
          h("span", { class: "dash-bar-track" }, h("span", { class: "dash-bar-fill", style: `width: ${(pct * 100).toFixed(1)}%; background: ${fieldColor(r.value, d)}` })),
          h("span", { class: "dash-bar-value" }, formatUnit(r.value, d.unit, d.decimals))));
      }
      if (list.childElementCount === 0) list.append(h("p", { class: "muted" }, "No data"));
      host.append(list);
      return;
    }
    case "table":
    case "table-old": {
      const t = toTable(data.series, p);
      const unitOf = (col: string) => override(p, col, "unit") as string | undefined ?? d.unit;
      const decimalsOf = (col: string) => override(p, col, "decimals") as number | undefined ?? d.decimals;
      const nameOf = (col: string) => override(p, col, "displayName") as string | undefined ?? col;
      host.append(h("div", { class: "dash-table-wrap" }, h("table", { class: "data dash-table" },
        h("thead", null, h("tr", null, t.columns.map(c => h("th", null, nameOf(c))))),
        h("tbody", null, t.rows.map(row => h("tr", null, row.map((cell, i) => {
          const col = t.columns[i];
          if (col === "Time" && typeof cell === "number") return h("td", null, new Date(cell).toISOString().replace("T", " ").slice(0, 19));
          return h("td", null, typeof cell === "number" && t.valueColumns.has(col) ? formatUnit(cell, unitOf(col), decimalsOf(col)) : cell === null ? "" : String(cell));
        })))))));
      if (t.rows.length === 0) host.append(h("p", { class: "muted" }, "No data"));
      return;
    }
    case "heatmap":
      renderHeatmap(host, toHeatmap(data.series), (p.options as { yAxis?: { unit?: string } } | undefined)?.yAxis?.unit ?? d.unit);
      return;
  }
}

function override(p: Panel, column: string, id: string): unknown {
  for (const o of p.fieldConfig?.overrides ?? []) {
    if (o.matcher.id !== "byName" || o.matcher.options !== column) continue;
    for (const prop of o.properties) {
      if (prop.id === id || prop.id === "custom." + id) return prop.value;
    }
  }
  return undefined;
}

function gauge(r: Reduced, d: FieldDefaults, named: boolean): HTMLElement {
  const min = d.min ?? 0;
  const max = d.max ?? 100;
  const frac = r.value === null ? 0 : Math.max(0, Math.min(1, (r.value - min) / (max - min || 1)));
  const color = fieldColor(r.value, d);
  // A 240° arc: the track, then the value.
  const arc = (f: number) => {
    const a0 = (150 * Math.PI) / 180;
    const a1 = a0 + f * ((240 * Math.PI) / 180);
    const p = (a: number) => `${50 + 40 * Math.cos(a)} ${55 + 40 * Math.sin(a)}`;
    return `M ${p(a0)} A 40 40 0 ${f * 240 > 180 ? 1 : 0} 1 ${p(a1)}`;
  };
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 100 90");
  svg.setAttribute("class", "dash-gauge-svg");
  svg.innerHTML = `<path d="${arc(1)}" stroke="var(--border)" stroke-width="9" fill="none"/>` +
    (frac > 0 ? `<path d="${arc(frac)}" stroke="${color}" stroke-width="9" fill="none"/>` : "");
  return h("div", { class: "dash-gauge" }, svg,
    h("div", { class: "dash-gauge-value", style: `color: ${color}`, "data-testid": "stat-value" }, formatUnit(r.value, d.unit, d.decimals)),
    named ? h("div", { class: "dash-stat-name muted" }, r.name) : null);
}

export function renderText(host: HTMLElement, p: Panel, interpolated: string): void {
  const mode = (p.options as { mode?: string } | undefined)?.mode ?? p.mode ?? "markdown";
  const div = h("div", { class: "dash-text" });
  if (mode === "html") div.textContent = interpolated;     // no raw HTML from dashboards: shown as text
  else div.append(renderMarkdown(interpolated));
  host.append(div);
}

/** The text panel's content (options.content, or the old top-level content). */
export function textContent(p: Panel): string {
  return (p.options as { content?: string } | undefined)?.content ?? p.content ?? "";
}
