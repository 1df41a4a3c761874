// /targets: scrape targets by pool with health, last error, labels, last scrape and scrape duration.

import { apiData } from "../shell/api";
import { badge, formatAge, formatDuration, h, labelChips, replace } from "../shell/dom";
import { registerPage } from "../shell/router";
import type { Target } from "./types";

registerPage({
  path: "/targets",
  title: "Targets",
  nav: { label: "Targets", order: 40 },
  async render(root, ctx) {
    const search = h("input", { class: "input", type: "search", placeholder: "Filter by endpoint or labels", value: ctx.query.get("search") ?? "" });
    const unhealthy = h("input", { type: "checkbox", checked: ctx.query.get("unhealthy") === "1" });
    const list = h("div", null, h("p", { class: "muted" }, "Loading…"));
    replace(root, h("div", { class: "toolbar" }, search, h("label", null, unhealthy, " only unhealthy")), list);
    const data = await apiData<{ activeTargets: Target[] }>("/api/v1/targets?state=active", ctx.signal);
    if (ctx.signal.aborted) return;
    const draw = () => {
      const q = search.value.trim().toLowerCase();
      const params = new URLSearchParams();
      if (q) params.set("search", q);
      if (unhealthy.checked) params.set("unhealthy", "1");
      ctx.setQuery(params);
      const pools = new Map<string, Target[]>();
      for (const t of data.activeTargets) {
        if (unhealthy.checked && t.health === "up") continue;
        if (q && !(t.scrapeUrl.toLowerCase().includes(q) || Object.entries(t.labels).some(([k, v]) => `${k}="${v}"`.toLowerCase().includes(q)))) continue;
        if (!pools.has(t.scrapePool)) pools.set(t.scrapePool, []);
        pools.get(t.scrapePool)!.push(t);
      }
      if (pools.size === 0) {
        replace(list, h("p", { class: "empty" }, data.activeTargets.length === 0 ? "No targets are configured." : "No target matches."));
        return;
      }
      replace(list, [...pools.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([pool, targets]) => {
        const up = targets.filter(t => t.health === "up").length;
        return h("details", { class: "panel group", open: true, "data-pool": pool },
          h("summary", { class: "group-title" }, h("b", null, pool), h("span", { class: up === targets.length ? "badge badge-up" : "badge badge-down" }, `${up}/${targets.length} up`)),
          h("div", { class: "table-wrap" }, h("table", { class: "data responsive" },
            h("thead", null, h("tr", null, ["Endpoint", "State", "Labels", "Last scrape", "Scrape duration", "Error"].map(c => h("th", null, c)))),
            h("tbody", null, targets.map(t => h("tr", null,
              h("td", { "data-label": "Endpoint" }, h("a", { href: t.globalUrl || t.scrapeUrl, target: "_blank", rel: "noopener" }, t.scrapeUrl)),
              h("td", { "data-label": "State" }, badge(t.health)),
              h("td", { "data-label": "Labels" }, labelChips(t.labels)),
              h("td", { "data-label": "Last scrape", title: t.lastScrape }, formatAge(t.lastScrape)),
              h("td", { "data-label": "Duration", class: "num" }, formatDuration(t.lastScrapeDuration * 1000)),
              h("td", { "data-label": "Error", class: "error-text" }, t.lastError)))))));
      }));
    };
    search.addEventListener("input", draw);
    unhealthy.addEventListener("change", draw);
    draw();
  },
});
