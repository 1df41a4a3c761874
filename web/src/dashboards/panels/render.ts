// Draws one panel's data by type: timeseries/graph, stat, gauge, bargauge, table, text, heatmap. Unknown types say so
// (as a panel message, not an error), so a dashboard with a plugin panel still renders the rest.

import { TimeSeriesChart } from "../../charts/timeSeriesChart";
import { h } from "../../shell/dom";
import type { Scope } from "../interpolate";
import { legendName } from "../legend";
import { LinkContext, resolveLink } from "../links";
import type { FieldDefaults, Panel } from "../model";
import { linkAnchor, openPopupMenu } from "../popupMenu";
import type { PanelData } from "../query";
import { reduce } from "../query";
import { legacySteps } from "../thresholds";
import { displayNumber, displayString, legacyPanelMappings, normalizeMappings, ValueMapping } from "../valueMappings";
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
    if (!d.mappings || d.mappings.length === 0) d.mappings = legacyPanelMappings(p);
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

interface Reduced { name: string; value: number | null; metric: Record<string, string>; timeMs?: number }

function reduceAll(p: Panel, data: PanelData): Reduced[] {
  const calc = calcOf(p);
  return data.series.map(s => ({ name: legendName(s.legendFormat, s.metric), value: reduce(s.values, calc), metric: s.metric,
                                 timeMs: s.values.length > 0 ? s.values[s.values.length - 1][0] * 1000 : undefined }));
}

const noValue: Reduced = { name: "", value: null, metric: {} };

/**
 * Makes an element offer the field's data links when clicked (a menu of anchors), as Grafana's DataLinksContextMenu
 * does; nothing happens without links.
 */
function withDataLinks(el: HTMLElement, d: FieldDefaults, ctx: () => LinkContext): HTMLElement {
  if (!d.links || d.links.length === 0) return el;
  el.classList.add("dash-has-links");
  el.dataset.links = String(d.links.length);
  el.addEventListener("click", e => {
    e.stopPropagation();
    const c = ctx();
    openPopupMenu(el, d.links!.map(l => linkAnchor(resolveLink(l, c), "data-link")), "data-links-menu");
  });
  return el;
}

function reducedContext(r: Reduced, text: string, data: PanelData, scope: Scope | undefined): LinkContext {
  return { startMs: data.startMs, endMs: data.endMs, scope, labels: r.metric, seriesName: r.name, fieldName: "Value",
           valueRaw: r.value, valueText: text, valueTimeMs: r.timeMs };
}

/**
 * Draws a panel's data; <paramref name="scope"/> (the dashboard's variables) is for its data links. <paramref name="size"/>
 * is the host's content width and client height when the caller measured them already (a dashboard measures every panel
 * in one layout), else they are read from the host, which forces a layout when the page changed since the last one.
 */
export function renderPanelData(host: HTMLElement, p: Panel, data: PanelData, scope?: Scope, size?: { width: number; height: number }): void {
  const d = defaultsOf(p);
  const mappings = normalizeMappings(d.mappings);
  switch (p.type) {
    case "timeseries":
    case "graph": {
      const links = d.links ?? [];
      const chart = new TimeSeriesChart(host, {
        unit: d.unit ?? "short", stacked: stacked(p), height: Math.max(60, (size?.height ?? host.clientHeight) - 40), width: size?.width,
        onClickPoint: links.length === 0 ? undefined : (i, j, anchor) => {
          const s = data.series[i];
          const [t, v] = [timestamps[j] * 1000, series[i].values[j]];
          const ctx: LinkContext = { startMs: data.startMs, endMs: data.endMs, scope, labels: s.metric, seriesName: series[i].name,
                                     fieldName: "Value", valueRaw: v, valueText: v === null ? "" : String(v), valueTimeMs: t };
          openPopupMenu(anchor, links.map(l => linkAnchor(resolveLink(l, ctx), "data-link")), "data-links-menu");
        },
      });
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
      for (const r of values.length > 0 ? values : [noValue]) {
        const shown = displayNumber(r.value, d, mappings);
        grid.append(withDataLinks(h("div", { class: "dash-stat", style: `color: ${shown.color}`, "data-color": shown.color },
          h("div", { class: "dash-stat-value", "data-testid": "stat-value" }, shown.text),
          values.length > 1 ? h("div", { class: "dash-stat-name muted" }, r.name) : null), d, () => reducedContext(r, shown.text, data, scope)));
      }
      host.append(grid);
      return;
    }
    case "gauge": {
      const values = reduceAll(p, data);
      const grid = h("div", { class: "dash-stat-grid" });
      for (const r of values.length > 0 ? values : [noValue]) {
        const shown = displayNumber(r.value, d, mappings);
        grid.append(withDataLinks(gauge(r, d, shown.text, shown.color, values.length > 1), d, () => reducedContext(r, shown.text, data, scope)));
      }
      host.append(grid);
      return;
    }
    case "bargauge": {
      const list = h("div", { class: "dash-bars" });
      const min = d.min ?? 0;
      const max = d.max ?? Math.max(1, ...reduceAll(p, data).map(r => r.value ?? 0));
      for (const r of reduceAll(p, data)) {
        const pct = r.value === null ? 0 : Math.max(0, Math.min(1, (r.value - min) / (max - min || 1)));
        const shown = displayNumber(r.value, d, mappings);
        list.append(withDataLinks(h("div", { class: "dash-bar", "data-color": shown.color },
          h("span", { class: "dash-bar-name" }, r.name),
          h("span", { class: "dash-bar-track" }, h("span", { class: "dash-bar-fill", style: `width: ${(pct * 100).toFixed(1)}%; background: ${shown.color}` })),
          h("span", { class: "dash-bar-value", "data-testid": "bar-value", style: shown.mapped ? `color: ${shown.color}` : null }, shown.text)),
          d, () => reducedContext(r, shown.text, data, scope)));
      }
      if (list.childElementCount === 0) list.append(h("p", { class: "muted" }, "No data"));
      host.append(list);
      return;
    }
    case "table":
    case "table-old":
      renderTable(host, p, d, mappings, data, scope);
      return;
    case "heatmap":
      renderHeatmap(host, toHeatmap(data.series), (p.options as { yAxis?: { unit?: string } } | undefined)?.yAxis?.unit ?? d.unit);
      return;
  }
}

/**
 * Table: value cells show their mapping or unit text, label cells their mapping's text; a mapping's (or threshold's) colour
 * is used when the cell display mode asks for colour (custom.cellOptions.type or the older custom.displayMode
 * "color-text"/"color-background"), as Grafana's table does. Cells offer the field's data links with the row's labels.
 */
function renderTable(host: HTMLElement, p: Panel, d: FieldDefaults, mappings: ValueMapping[], data: PanelData, scope: Scope | undefined): void {
  const t = toTable(data.series, p);
  const unitOf = (col: string) => override(p, col, "unit") as string | undefined ?? d.unit;
  const decimalsOf = (col: string) => override(p, col, "decimals") as number | undefined ?? d.decimals;
  const nameOf = (col: string) => override(p, col, "displayName") as string | undefined ?? col;
  const mappingsOf = (col: string) => {
    const o = override(p, col, "mappings") as unknown[] | undefined;
    return o ? normalizeMappings(o) : mappings;
  };
  const modeOf = (col: string) => {
    const cell = override(p, col, "cellOptions") as { type?: string } | undefined;
    return cell?.type ?? override(p, col, "displayMode") as string | undefined ?? d.custom?.cellOptions?.type ?? d.custom?.displayMode ?? "auto";
  };
  const links = d.links ?? [];
  const labelColumns = new Set(t.columns.filter(c => c !== "Time" && !t.valueColumns.has(c)));
  const cell = (row: (string | number | null)[], i: number) => {
    const col = t.columns[i];
    const value = row[i];
    if (col === "Time" && typeof value === "number") return h("td", null, new Date(value).toISOString().replace("T", " ").slice(0, 19));
    let text = value === null ? "" : String(value);
    let color = "";
    if (t.valueColumns.has(col) && (typeof value === "number" || value === null)) {
      const shown = displayNumber(value, { ...d, unit: unitOf(col), decimals: decimalsOf(col) }, mappingsOf(col));
      text = value === null && !shown.mapped ? "" : shown.text;
      color = shown.color;
    } else {
      const shown = displayString(value === null ? null : String(value), mappingsOf(col));
      if (shown) {
        text = shown.text;
        color = shown.color;
      }
    }
    const mode = modeOf(col);
    const style = !color ? null : mode === "color-text" ? `color: ${color}` : mode === "color-background" || mode === "color-background-solid" ? `background: ${color}` : null;
    const td = h("td", { style, "data-color": color || null }, text);
    if (links.length === 0) return td;
    return withDataLinks(td, d, () => {
      const labels: Record<string, string> = {};
      const fields: Record<string, string | number | null> = {};
      t.columns.forEach((c, k) => {
        fields[c] = row[k];
        if (labelColumns.has(c) && row[k] !== null) labels[c] = String(row[k]);
      });
      return { startMs: data.startMs, endMs: data.endMs, scope, labels, row: fields, fieldName: nameOf(col), valueRaw: value, valueText: text,
               valueTimeMs: typeof fields["Time"] === "number" ? fields["Time"] as number : undefined };
    });
  };
  host.append(h("div", { class: "dash-table-wrap" }, h("table", { class: "data dash-table" },
    h("thead", null, h("tr", null, t.columns.map(c => h("th", null, nameOf(c))))),
    h("tbody", null, t.rows.map(row => h("tr", null, row.map((_, i) => cell(row, i))))))));
  if (t.rows.length === 0) host.append(h("p", { class: "muted" }, "No data"));
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

function gauge(r: Reduced, d: FieldDefaults, text: string, color: string, named: boolean): HTMLElement {
  const min = d.min ?? 0;
  const max = d.max ?? 100;
  const frac = r.value === null ? 0 : Math.max(0, Math.min(1, (r.value - min) / (max - min || 1)));
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
  return h("div", { class: "dash-gauge", "data-color": color }, svg,
    h("div", { class: "dash-gauge-value", style: `color: ${color}`, "data-testid": "stat-value" }, text),
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
