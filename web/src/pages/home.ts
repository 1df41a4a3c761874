// "/": the cluster overview dashboard once the dashboards helper registers a higher-priority "/" page; until then, the
// list of dashboards the server knows and links to the other pages.

import { apiJson } from "../shell/api";
import { h, replace } from "../shell/dom";
import { registerPage, registeredPages } from "../shell/router";

interface DashboardSummary {
  uid: string;
  title: string;
  tags?: string[];
}

registerPage({
  path: "/",
  title: "Home",
  nav: { label: "Home", order: 0 },
  priority: 0,
  async render(root, ctx) {
    const list = h("div", { class: "panel" }, h("p", { class: "muted" }, "Loading dashboards…"));
    const links = registeredPages().filter(p => p.nav && p.path !== "/").sort((a, b) => a.nav!.order - b.nav!.order);
    replace(root,
      h("h2", null, "Dashboards"),
      list,
      h("h2", null, "Pages"),
      h("div", { class: "cards" }, links.map(p => h("a", { class: "panel", href: p.path }, p.nav!.label))));
    let dashboards: DashboardSummary[] | null = null;
    try {
      dashboards = await apiJson<DashboardSummary[]>("GET", "/api/argus/dashboards", undefined, ctx.signal);
    } catch {
      dashboards = null;
    }
    if (ctx.signal.aborted) return;
    if (!dashboards || dashboards.length === 0) {
      replace(list, h("p", { class: "muted" }, "No dashboards are loaded. Start with the ", h("a", { href: "/graph" }, "explorer"), "."));
      return;
    }
    replace(list, h("ul", null, dashboards.map(d => h("li", null, h("a", { href: `/d/${encodeURIComponent(d.uid)}` }, d.title),
      d.tags?.length ? h("span", { class: "muted" }, " ", d.tags.join(", ")) : null))));
  },
});
