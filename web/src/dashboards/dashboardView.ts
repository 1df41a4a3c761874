// One dashboard on screen: the variable bar, the grid of panels, loading each panel's queries, and reloading on time or
// variable changes. Panels mark their state in data-state (loading, ok, nodata, error) for tests and the benchmark;
// the view's root gets data-loaded="true" when every panel has finished. Timings go to the browser's User Timing
// (measures "argus:query" and "argus:panel", mark "argus:dashboard-loaded"), read by the page-load benchmark (bench/ui).

import { ApiError } from "../shell/api";
import { h, replace } from "../shell/dom";
import type { PageContext } from "../shell/router";
import { timeState } from "../shell/timeRange";
import { interpolate, Scope } from "./interpolate";
import { computeIntervals } from "./intervals";
import { gridColumns, gridMarginPx, gridRowPx, layout, LayoutItem } from "./layout";
import { Dashboard, panelsOf } from "./model";
import { dataPanelTypes, renderPanelData, renderText, textContent } from "./panels/render";
import { apiRunner, limitConcurrency, type QueryRunner, queryMeasure, runPanel } from "./query";
import { dashboardLinksBar } from "./dashboardLinks";
import { attachPanelMenu } from "./panelMenu";
import { apiVariableSource } from "./source";
import { allMarker, resolveVariables, scopeOf, VariableState } from "./variables";
import "./dashboards.css";

/**
 * How many queries one dashboard has in flight: Chromium opens at most 6 HTTP/1.1 connections per host (the rest wait
 * in its queue, out of our order). The page's own data (session, dashboard) is embedded in index.html, so the queries
 * may use all 6; a dashboard's typical stat query evaluates in under a millisecond, and the wait is the round trip
 * and the browser. Queries start in panel order (top to bottom), so the first panels on screen finish first.
 */
const maxConcurrentQueries = 6;
/** User Timing names: one measure per panel phase (detail {title, phase: "query" | "render"}), one mark when all finished. */
export const panelMeasure = "argus:panel";
export const loadedMark = "argus:dashboard-loaded";

export async function renderDashboard(root: HTMLElement, dashboard: Dashboard, ctx: PageContext): Promise<void> {
  ctx.setTitle(dashboard.title);
  if (!ctx.query.has("from") && dashboard.time) timeState.set({ from: dashboard.time.from, to: dashboard.time.to }, timeState.refresh || "");
  const varBar = h("div", { class: "dash-vars", "data-testid": "variables" });
  const grid = h("div", { class: "dash-grid", "data-testid": "dashboard-grid" });
  const view = h("div", { class: "dash-view", "data-uid": dashboard.uid }, h("h2", { class: "dash-title" }, dashboard.title), varBar, grid);
  replace(root, view);
  const models = dashboard.templating?.list ?? [];
  const expandedRows = new Set<number>();
  let states: VariableState[] = [];
  let generation = 0;
  const source = apiVariableSource(ctx.signal);
  varBar.before(dashboardLinksBar(dashboard, () => scopeOf(states), ctx.signal, varBar));   // ui3 hook: dashboard links

  const resolve = async (previous?: Map<string, string[]>) => {
    const { startMs, endMs } = timeState.resolve();
    const iv = computeIntervals({ startMs, endMs, widthPx: 1000 });
    states = await resolveVariables(models, ctx.query, source, startMs, endMs, iv.builtIns, previous);
  };

  const selections = () => new Map(states.map(s => [s.model.name, s.selected]));

  const writeUrl = () => {
    const q = new URLSearchParams(location.search);
    for (const s of states) {
      q.delete("var-" + s.model.name);
      if (s.model.type === "constant" || s.model.type === "datasource") continue;
      for (const v of s.selected) q.append("var-" + s.model.name, v === allMarker ? "All" : v);
    }
    ctx.setQuery(q);
  };

  const drawVariables = () => {
    replace(varBar, states.filter(s => (s.model.hide ?? 0) < 2 && s.model.type !== "constant").map(s => {
      const select = h("select", { class: "input", "data-testid": `var-${s.model.name}`, name: s.model.name }) as HTMLSelectElement;
      select.multiple = s.model.multi === true;
      if (s.model.includeAll) select.append(new Option("All", allMarker, false, s.selected.includes(allMarker)));
      for (const o of s.options) select.append(new Option(o.text, o.value, false, s.selected.includes(o.value)));
      select.addEventListener("change", async () => {
        view.dataset.loaded = "false";       // until the dependent variables and every panel have reloaded
        let chosen = [...select.selectedOptions].map(o => o.value);
        if (chosen.length > 1 && chosen.includes(allMarker)) chosen = chosen.filter(v => v !== allMarker);
        const prev = selections();
        prev.set(s.model.name, chosen);
        await resolve(prev);
        if (ctx.signal.aborted) return;
        writeUrl();
        drawVariables();
        drawPanels();
      });
      return h("label", { class: "dash-var" + ((s.model.hide ?? 0) === 1 ? " dash-var-nolabel" : "") },
        (s.model.hide ?? 0) === 1 ? null : h("span", { class: "muted" }, s.model.label || s.model.name), select,
        s.error ? h("span", { class: "dash-var-error", title: s.error }, "⚠") : null);
    }));
  };

  const drawPanels = () => {
    const gen = ++generation;
    const scope = scopeOf(states);
    const items = layout(panelsOf(dashboard), scope, expandedRows);
    const rows = items.reduce((m, it) => Math.max(m, it.pos.y + it.pos.h), 0);
    grid.style.gridTemplateColumns = `repeat(${gridColumns}, minmax(0, 1fr))`;
    grid.style.gridAutoRows = `${gridRowPx}px`;
    grid.style.gap = `${gridMarginPx}px`;
    grid.style.gridTemplateRows = `repeat(${rows}, ${gridRowPx}px)`;
    view.dataset.loaded = "false";
    // One reload's timings at a time: a dashboard refreshed every 30 s must not grow the timeline without bound.
    performance.clearMeasures(queryMeasure);
    performance.clearMeasures(panelMeasure);
    performance.clearMarks(loadedMark);
    const runner = limitConcurrency(apiRunner, maxConcurrentQueries);
    const jobs: (() => Promise<void>)[] = [];
    replace(grid, items.map(it => {
      const el = panelShell(it, scope);
      if (it.panel.type === "row") {
        el.addEventListener("click", () => {
          const id = it.panel.id ?? -1;
          if (expandedRows.has(id)) expandedRows.delete(id);
          else expandedRows.add(id);
          if (it.panel.collapsed) drawPanels();
        });
      } else jobs.push(() => loadPanel(el, it, scope, gen, runner));
      return el;
    }));
    void runAll(jobs, gen);
  };

  // Every panel starts at once, in layout order; the runner's limit queues their queries in that order.
  const runAll = async (jobs: (() => Promise<void>)[], gen: number) => {
    await Promise.all(jobs.map(job => job()));
    if (gen === generation && !ctx.signal.aborted) {
      performance.mark(loadedMark);
      view.dataset.loaded = "true";
    }
  };

  const loadPanel = async (el: HTMLElement, it: LayoutItem, dashboardScope: Scope, gen: number, runner: QueryRunner) => {
    const body = el.querySelector<HTMLElement>(".dash-panel-body")!;
    const scope = new Map(dashboardScope);
    for (const [k, v] of it.overrides) scope.set(k, v);
    const p = it.panel;
    try {
      if (p.type === "text") {
        renderText(body, p, interpolate(textContent(p), scope));
        el.dataset.state = "ok";
        return;
      }
      if (!dataPanelTypes.has(p.type)) {
        body.append(h("p", { class: "muted" }, `Panel type "${p.type}" is not supported by Argus.`));
        el.dataset.state = "unsupported";
        return;
      }
      const { startMs, endMs } = timeState.resolve();
      const title = el.dataset.title ?? "";
      const t0 = performance.now();
      // Every panel reads its size here, before any renders: one layout for all, none forced while panels draw.
      const padding = getComputedStyle(body);
      const size = { width: body.clientWidth - parseFloat(padding.paddingLeft) - parseFloat(padding.paddingRight), height: body.clientHeight };
      const data = await runPanel(p, scope, startMs, endMs, Math.max(100, body.clientWidth), runner, ctx.signal);
      if (gen !== generation || ctx.signal.aborted) return;
      const t1 = performance.now();
      performance.measure(panelMeasure, { start: t0, end: t1, detail: { title, phase: "query" } });
      el.dataset.queries = JSON.stringify(data.queries.map(q => q.expr));
      replace(body);
      renderPanelData(body, p, data, scope, size);
      attachPanelMenu(el, p, data, scope);   // ui3 hook: panel links, Inspect, Explore
      el.dataset.state = data.series.length > 0 ? "ok" : "nodata";
      performance.measure(panelMeasure, { start: t1, end: performance.now(), detail: { title, phase: "render" } });
    } catch (e) {
      if (ctx.signal.aborted || gen !== generation) return;
      const message = e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e);
      replace(body, h("div", { class: "dash-panel-error", "data-testid": "panel-error" }, message));
      el.dataset.state = "error";
    }
  };

  ctx.onTimeChange(async () => {
    view.dataset.loaded = "false";
    await resolve(selections());
    if (ctx.signal.aborted) return;
    drawVariables();
    drawPanels();
  });

  await resolve();
  if (ctx.signal.aborted) return;
  drawVariables();
  drawPanels();
}

function panelShell(it: LayoutItem, scope: Scope): HTMLElement {
  const s = new Map(scope);
  for (const [k, v] of it.overrides) s.set(k, v);
  const title = interpolate(it.panel.title ?? "", s);
  const style = `grid-column: ${it.pos.x + 1} / span ${it.pos.w}; grid-row: ${it.pos.y + 1} / span ${it.pos.h};`;
  if (it.panel.type === "row") {
    return h("div", { class: "dash-row", style, "data-testid": "row", "data-collapsed": String(it.collapsed === true) },
      h("span", null, it.collapsed ? "▸ " : "▾ "), title);
  }
  return h("section", { class: "dash-panel", style, "data-testid": "panel", "data-type": it.panel.type, "data-title": title, "data-state": "loading" },
    h("header", { class: "dash-panel-title", title: it.panel.description ?? "" }, title),
    h("div", { class: "dash-panel-body" }, h("span", { class: "muted dash-loading" }, "Loading…")));
}
