// A data panel's header tools: its links (panel.links) and a menu with "Inspect" (data as a table with CSV download, the
// queries as sent, the raw JSON answers) and "Explore" (the explorer with the panel's queries, time range and step).
// Nothing here edits the dashboard: Argus shows dashboards from files and does not save changes (docs/dashboards.md).

import { h, replace } from "../shell/dom";
import { timeState } from "../shell/timeRange";
import { dataTable, exploreUrl, queryInfo, toCsv } from "./inspect";
import type { Scope } from "./interpolate";
import { LinkContext, resolveLink } from "./links";
import type { Panel } from "./model";
import { closePopupMenu, linkAnchor, openPopupMenu } from "./popupMenu";
import type { PanelData } from "./query";
import "./panelFeatures.css";

/** Adds the link and menu buttons to a rendered panel's header (el is the panel's section with its header). */
export function attachPanelMenu(el: HTMLElement, panel: Panel, data: PanelData, scope: Scope): void {
  const header = el.querySelector<HTMLElement>("header");
  if (!header) return;
  header.querySelectorAll(".dash-panel-tool").forEach(b => b.remove());
  if (!header.querySelector(".dash-panel-title-text")) {
    const title = h("span", { class: "dash-panel-title-text" }, header.textContent ?? "");
    replace(header, title);
  }
  const ctx: LinkContext = { startMs: data.startMs, endMs: data.endMs, scope };
  const links = (panel.links ?? []).filter(l => l.url);
  if (links.length > 0) {
    const button = h("button", { class: "dash-panel-tool", type: "button", title: "Panel links", "data-testid": "panel-links" }, "↗");
    button.addEventListener("click", e => {
      e.stopPropagation();
      openPopupMenu(button, links.map(l => linkAnchor(resolveLink(l, { ...ctx, ...timeNow() }), "panel-link")), "panel-links-menu");
    });
    header.append(button);
  }
  const menu = h("button", { class: "dash-panel-tool", type: "button", title: "Panel menu", "data-testid": "panel-menu" }, "⋮");
  menu.addEventListener("click", e => {
    e.stopPropagation();
    const title = el.dataset.title ?? panel.title ?? "";
    const items: HTMLElement[] = [
      h("button", { class: "dash-menu-item", type: "button", "data-testid": "panel-menu-inspect", onclick: () => openInspector(title, panel, data) }, "Inspect"),
      h("a", { class: "dash-menu-item", href: exploreUrl(data, timeState.range), "data-testid": "panel-menu-explore" }, "Explore"),
    ];
    if (links.length > 0) {
      items.push(h("div", { class: "dash-menu-sep" }));
      for (const l of links) items.push(linkAnchor(resolveLink(l, { ...ctx, ...timeNow() }), "panel-link"));
    }
    openPopupMenu(menu, items, "panel-menu-list");
  });
  header.append(menu);
}

/** The time range as it resolves now (a relative range moves on between render and click, as in Grafana). */
function timeNow(): { startMs: number; endMs: number } {
  return timeState.resolve();
}

type Tab = "data" | "query" | "json";

/** A side drawer over the dashboard with three tabs; closed by its button, Escape or a click on the backdrop. */
export function openInspector(title: string, panel: Panel, data: PanelData, first: Tab = "data"): HTMLElement {
  closePopupMenu();
  document.querySelector(".dash-inspect")?.remove();
  document.querySelector(".dash-inspect-backdrop")?.remove();
  const body = h("div", { class: "dash-inspect-body" });
  const tabs: Record<Tab, HTMLButtonElement> = {
    data: h("button", { class: "btn", type: "button", "data-testid": "inspect-tab-data" }, "Data"),
    query: h("button", { class: "btn", type: "button", "data-testid": "inspect-tab-query" }, "Query"),
    json: h("button", { class: "btn", type: "button", "data-testid": "inspect-tab-json" }, "JSON"),
  };
  const backdrop = h("div", { class: "dash-inspect-backdrop" });
  const close = () => {
    drawer.remove();
    backdrop.remove();
    document.removeEventListener("keydown", onKey, true);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape") close();
  };
  const drawer = h("aside", { class: "dash-inspect", "data-testid": "inspect", role: "dialog", "aria-label": `Inspect: ${title}` },
    h("div", { class: "dash-inspect-head" }, h("h3", null, `Inspect: ${title}`),
      h("button", { class: "btn", type: "button", "data-testid": "inspect-close", onclick: close }, "Close")),
    h("div", { class: "dash-inspect-tabs" }, tabs.data, tabs.query, tabs.json),
    body);
  const show = (tab: Tab) => {
    for (const [k, b] of Object.entries(tabs)) b.setAttribute("aria-selected", String(k === tab));
    if (tab === "data") showData(body, title, data);
    else if (tab === "query") showQueries(body, panel, data);
    else void showJson(body, data);
  };
  for (const [k, b] of Object.entries(tabs)) b.addEventListener("click", () => show(k as Tab));
  backdrop.addEventListener("click", close);
  document.addEventListener("keydown", onKey, true);
  document.body.append(backdrop, drawer);
  show(first);
  return drawer;
}

function showData(body: HTMLElement, title: string, data: PanelData): void {
  const table = dataTable(data);
  const download = h("button", { class: "btn", type: "button", "data-testid": "inspect-csv" }, "Download CSV");
  download.addEventListener("click", () => {
    const blob = new Blob([toCsv(table)], { type: "text/csv;charset=utf-8" });
    const a = h("a", { href: URL.createObjectURL(blob), download: `${(title || "panel").replace(/[^\w.-]+/g, "_")}-data.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  });
  const shownRows = table.rows.slice(0, 1000);
  replace(body,
    h("p", null, download, " ", h("span", { class: "muted" }, `${table.rows.length} rows${table.rows.length > shownRows.length ? `, the first ${shownRows.length} shown; the CSV has all` : ""}`)),
    h("table", { class: "data", "data-testid": "inspect-data" },
      h("thead", null, h("tr", null, table.columns.map(c => h("th", null, c)))),
      h("tbody", null, shownRows.map(r => h("tr", null, r.map(c => h("td", null, c)))))));
}

function showQueries(body: HTMLElement, panel: Panel, data: PanelData): void {
  const iv = data.intervals.builtIns;
  replace(body,
    h("p", { class: "muted dash-inspect-note" },
      `$__interval = ${iv.__interval}, $__rate_interval = ${iv.__rate_interval}, $__range = ${iv.__range}` +
      (panel.maxDataPoints ? `, maxDataPoints = ${panel.maxDataPoints}` : "")),
    h("table", { class: "data", "data-testid": "inspect-queries" },
      h("thead", null, h("tr", null, h("th", null, "Query"), h("th", null, "Type"), h("th", null, "Expression"), h("th", null, "Parameters"))),
      h("tbody", null, queryInfo(data).map(q => h("tr", null,
        h("td", null, q.refId),
        h("td", null, q.instant ? "instant" : "range"),
        h("td", null, h("code", { "data-testid": "inspect-expr" }, q.expr)),
        h("td", null, h("code", { "data-testid": "inspect-params" }, Object.entries(q.params).filter(([k]) => k !== "query").map(([k, v]) => `${k}=${v}`).join(" "))))))),
    h("p", { class: "muted dash-inspect-note" }, "Changes made in the explorer are not saved to the dashboard: Argus shows dashboards from files."));
}

/** Re-sends each query with the parameters it ran with and shows the server's answers verbatim (the Prometheus envelope). */
async function showJson(body: HTMLElement, data: PanelData): Promise<void> {
  replace(body, h("p", { class: "muted" }, "Loading…"));
  const parts: string[] = [];
  for (const q of queryInfo(data)) {
    const path = q.instant ? "/api/v1/query" : "/api/v1/query_range";
    let text: string;
    try {
      const r = await fetch(path, { method: "POST", body: new URLSearchParams(q.params), credentials: "same-origin", headers: { Accept: "application/json" } });
      const raw = await r.text();
      try {
        text = JSON.stringify(JSON.parse(raw), null, 2);
      } catch {
        text = raw;
      }
    } catch (e) {
      text = `request failed: ${e instanceof Error ? e.message : String(e)}`;
    }
    parts.push(`// ${q.refId}: POST ${path} ${new URLSearchParams(q.params).toString()}\n${text}`);
  }
  if (!body.isConnected) return;
  replace(body, h("pre", { "data-testid": "inspect-json" }, parts.join("\n\n") || "No queries."));
}
