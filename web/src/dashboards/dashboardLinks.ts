// dashboard.links above the variables: "link" entries (a URL) and "dashboards" entries (every other dashboard carrying all
// the given tags, inline or as a dropdown), with the time range and the variables' values added when asked (keepTime,
// includeVars). URLs are resolved when clicked, so they carry the range and selections of that moment.

import { apiData } from "../shell/api";
import { h } from "../shell/dom";
import { timeState } from "../shell/timeRange";
import type { Scope } from "./interpolate";
import { dashboardsByTags, LinkContext, resolveLink } from "./links";
import type { Dashboard, DashboardLink, DashboardSummary } from "./model";
import { linkAnchor, openPopupMenu } from "./popupMenu";
import "./panelFeatures.css";

/**
 * The links bar of a dashboard (an empty, hidden element when it has none); scope() gives the variables' current values.
 * Titles and URLs are redrawn whenever <paramref name="variables"/> (the variable bar) is redrawn, i.e. after the
 * variables have been resolved or changed, and again just before a link is followed.
 */
export function dashboardLinksBar(dashboard: Dashboard, scope: () => Scope, signal?: AbortSignal, variables?: HTMLElement): HTMLElement {
  const bar = h("div", { class: "dash-links", "data-testid": "dashboard-links" });
  const links = dashboard.links ?? [];
  if (links.length === 0) {
    bar.hidden = true;
    return bar;
  }
  if (variables) {
    const observer = new MutationObserver(() => bar.querySelectorAll("a").forEach(a => a.dispatchEvent(new Event("argus:refresh"))));
    observer.observe(variables, { childList: true });
    signal?.addEventListener("abort", () => observer.disconnect());
  }
  const ctx = (): LinkContext => ({ ...timeState.resolve(), scope: scope() });
  let list: Promise<DashboardSummary[]> | null = null;
  const dashboards = () => (list ??= apiData<DashboardSummary[]>("/api/argus/dashboards", signal).catch(() => []));
  for (const link of links) {
    if (link.type === "dashboards") {
      if (link.asDropdown) {
        const button = h("button", { type: "button", "data-testid": "dashboard-links-dropdown" }, (link.title || "Dashboards") + " ▾");
        button.addEventListener("click", async () => {
          const found = dashboardsByTags(await dashboards(), link.tags, dashboard.uid);
          openPopupMenu(button, found.length > 0 ? found.map(d => linkAnchor(resolveDashboard(link, d, ctx()), "dashboard-link"))
                                                 : [h("span", { class: "dash-menu-item muted" }, "No dashboards")], "dashboard-links-menu");
        });
        bar.append(button);
      } else {
        const slot = h("span", { class: "dash-links-tagged", "data-testid": "dashboard-links-tagged" });
        bar.append(slot);
        void dashboards().then(all => {
          for (const d of dashboardsByTags(all, link.tags, dashboard.uid)) slot.append(liveAnchor(() => resolveDashboard(link, d, ctx())));
        });
      }
    } else if (link.url) {
      bar.append(liveAnchor(() => resolveLink(link, ctx())));
    }
  }
  return bar;
}

function resolveDashboard(link: DashboardLink, d: DashboardSummary, ctx: LinkContext) {
  return resolveLink({ ...link, title: d.title, tooltip: undefined }, ctx, `/d/${encodeURIComponent(d.uid)}`);
}

/** An anchor whose href and title are refreshed just before it is followed (hover, focus, click). */
function liveAnchor(resolve: () => ReturnType<typeof resolveLink>): HTMLAnchorElement {
  const a = linkAnchor(resolve(), "dashboard-link");
  a.classList.remove("dash-menu-item");
  const refresh = () => {
    const r = resolve();
    a.href = r.href;
    a.textContent = r.title;
  };
  a.addEventListener("argus:refresh", refresh);
  a.addEventListener("mouseenter", refresh);
  a.addEventListener("focus", refresh);
  a.addEventListener("mousedown", refresh);
  return a;
}
