// /d/<uid>: a dashboard; /dashboards: the list (invalid files with their errors); /: the home dashboard (cluster overview).

import { apiData } from "../shell/api";
import { homeUid as embeddedHomeUid, takeDashboard } from "../shell/bootstrap";
import { h, replace } from "../shell/dom";
import { registerPage, PageContext } from "../shell/router";
import { renderDashboard } from "./dashboardView";
import { setDatasourceScrapeInterval } from "./intervals";
import type { Dashboard, DashboardSummary } from "./model";

const homeUid = "argus-cluster-overview";

// Evaluating the bundle reaches this module before the app starts: the page-load benchmark takes bundle download and
// parse as the time up to this mark.
performance.mark("argus:bundle-evaluated");

/** User Timing mark set when the dashboard's JSON is at hand (embedded in the page or fetched), read by bench/ui. */
export const dashboardReadyMark = "argus:dashboard-ready";

type DashboardData = { dashboard: Dashboard; meta?: { scrapeInterval?: string } };

function useDashboard(r: DashboardData): Dashboard {
  setDatasourceScrapeInterval(r.meta?.scrapeInterval);   // $__interval/$__rate_interval from the real scrape interval
  performance.mark(dashboardReadyMark);
  return r.dashboard;
}

/** Dashboard <uid>: embedded in index.html by the server on the first page load (bootstrap), else fetched. */
function fetchDashboard(uid: string, signal: AbortSignal): Promise<Dashboard> {
  const embedded = takeDashboard<DashboardData>(uid);
  if (embedded) return Promise.resolve(useDashboard(embedded));
  return apiData<DashboardData>(`/api/argus/dashboards/${encodeURIComponent(uid)}`, signal).then(useDashboard);
}

async function show(root: HTMLElement, uid: string, ctx: PageContext, pending?: Promise<Dashboard>): Promise<void> {
  replace(root, h("p", { class: "muted" }, "Loading dashboard…"));
  let dashboard: Dashboard;
  try {
    dashboard = await (pending ?? fetchDashboard(uid, ctx.signal));
  } catch (e) {
    if (ctx.signal.aborted) return;
    replace(root, h("div", { class: "panel" }, h("p", { class: "dash-list-error", "data-testid": "dashboard-error" },
      `Dashboard "${uid}" cannot be shown: ${e instanceof Error ? e.message : String(e)}`), h("a", { href: "/dashboards" }, "All dashboards")));
    return;
  }
  if (ctx.signal.aborted) return;
  await renderDashboard(root, dashboard, ctx);
}

registerPage({
  path: "/d/:uid/*",
  title: "Dashboard",
  timePicker: true,
  render: (root, ctx) => show(root, ctx.params.uid, ctx),
});

registerPage({
  path: "/",
  title: "Cluster overview",
  timePicker: true,
  priority: 10,
  async render(root, ctx) {
    // The server embeds the home dashboard in the first page load, as the list would name it: no request at all.
    const embeddedHome = embeddedHomeUid();
    if (embeddedHome !== undefined) {
      await show(root, embeddedHome, ctx);
      return;
    }
    // The list says which dashboard is home (a file may replace the embedded one's uid or mark another); the embedded
    // home is asked for at the same time, saving a round trip in the usual case, and dropped when the list names another.
    const guess = fetchDashboard(homeUid, ctx.signal);
    guess.catch(() => undefined);   // its error is shown only if it is the one shown
    let uid = homeUid;
    try {
      const list = await apiData<DashboardSummary[]>("/api/argus/dashboards", ctx.signal);
      uid = list.find(d => d.home)?.uid ?? uid;
    } catch {
      // The list failing is shown by the dashboard request below with its own error.
    }
    if (ctx.signal.aborted) return;
    await show(root, uid, ctx, uid === homeUid ? guess : undefined);
  },
});

registerPage({
  path: "/dashboards",
  title: "Dashboards",
  nav: { label: "Dashboards", order: 5 },
  async render(root, ctx) {
    replace(root, h("p", { class: "muted" }, "Loading…"));
    const list = await apiData<DashboardSummary[]>("/api/argus/dashboards", ctx.signal);
    if (ctx.signal.aborted) return;
    const folders = [...new Set(list.map(d => d.folder))].sort();
    replace(root, h("h2", null, "Dashboards"), folders.map(f => h("div", { class: "panel" },
      h("h3", null, f || "General"),
      h("table", { class: "data", "data-testid": "dashboard-list" },
        h("thead", null, h("tr", null, h("th", null, "Title"), h("th", null, "Tags"), h("th", null, "Source"))),
        h("tbody", null, list.filter(d => d.folder === f).map(d => h("tr", null,
          h("td", null, d.error ? h("span", null, d.title, " ", h("span", { class: "dash-list-error", "data-testid": "dashboard-file-error" }, d.error))
                                : h("a", { href: `/d/${encodeURIComponent(d.uid)}` }, d.title), d.home ? h("span", { class: "muted" }, " (home)") : null),
          h("td", null, d.tags.join(", ")),
          h("td", { class: "muted" }, d.source))))))));
  },
});
