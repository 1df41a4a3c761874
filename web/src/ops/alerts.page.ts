// /alerts: alerting rules with their state and alerts (labels, active since, value, annotations), a link to graph the
// expression and, for admins, a button that opens a silence pre-filled with the alert's labels. Alerts the built-in
// Alertmanager reports as silenced carry a badge linking to the silence.

import { apiData, apiJson, canEdit } from "../shell/api";
import { badge, formatAge, h, labelChips, replace } from "../shell/dom";
import { registerPage } from "../shell/router";
import { formatPromDuration } from "../shell/timeRange";
import { exprLink } from "./graphLink";
import { filterForLabels } from "./matchers";
import type { AmAlert, Rule, RuleGroup } from "./types";

const states = ["firing", "pending", "inactive"] as const;

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every(k => a[k] === b[k]);
}

registerPage({
  path: "/alerts",
  title: "Alerts",
  nav: { label: "Alerts", order: 20 },
  async render(root, ctx) {
    const shown = new Set<string>((ctx.query.get("state") ?? "firing,pending,inactive").split(",").filter(s => s));
    const search = h("input", { class: "input", type: "search", placeholder: "Filter by name or labels", value: ctx.query.get("search") ?? "" });
    const toggles = states.map(s => h("label", null, h("input", {
      type: "checkbox", checked: shown.has(s), "data-state": s,
      onchange: (e: Event) => {
        if ((e.target as HTMLInputElement).checked) shown.add(s);
        else shown.delete(s);
        draw();
      },
    }), " ", s));
    const list = h("div", null, h("p", { class: "muted" }, "Loading…"));
    replace(root, h("div", { class: "toolbar" }, search, toggles), list);

    let rules: Rule[] = [];
    let amAlerts: AmAlert[] = [];
    const load = async () => {
      const [data, am] = await Promise.all([
        apiData<{ groups: RuleGroup[] }>("/api/v1/rules?type=alert", ctx.signal),
        apiJson<AmAlert[]>("GET", "/api/v2/alerts?silenced=true&inhibited=true&active=true", undefined, ctx.signal).catch(() => [] as AmAlert[]),
      ]);
      rules = data.groups.flatMap(g => g.rules.filter(r => r.type === "alerting"));
      amAlerts = am ?? [];
    };

    const draw = () => {
      const q = search.value.trim().toLowerCase();
      const params = new URLSearchParams();
      if (shown.size !== states.length) params.set("state", [...shown].join(","));
      if (q) params.set("search", q);
      ctx.setQuery(params);
      const counts = { firing: 0, pending: 0, inactive: 0 };
      for (const r of rules) counts[r.state ?? "inactive"]++;
      toggles.forEach((t, i) => (t.lastChild!.textContent = ` ${states[i]} (${counts[states[i]!]})`));
      const visible = rules.filter(r => shown.has(r.state ?? "inactive") && (!q || r.name.toLowerCase().includes(q)
        || (r.alerts ?? []).some(a => Object.entries(a.labels).some(([k, v]) => `${k}="${v}"`.toLowerCase().includes(q)))));
      if (visible.length === 0) {
        replace(list, h("p", { class: "empty" }, rules.length === 0 ? "No alerting rules are loaded." : "No alerting rule matches."));
        return;
      }
      replace(list, visible.map(r => h("details", { class: "panel group", open: r.state !== "inactive", "data-alertname": r.name },
        h("summary", { class: "group-title" },
          h("span", null, badge(r.state ?? "inactive"), " ", h("b", null, r.name)),
          h("span", { class: "muted" }, `${(r.alerts ?? []).length} active`)),
        h("div", { class: "rule-expr" }, exprLink(r.query),
          r.duration ? h("span", { class: "muted" }, ` for ${formatPromDuration(r.duration * 1000)}`) : null),
        (r.alerts ?? []).length === 0 ? null : h("div", { class: "table-wrap" }, h("table", { class: "data responsive" },
          h("thead", null, h("tr", null, ["Labels", "State", "Active since", "Value", "Annotations", ""].map(c => h("th", null, c)))),
          h("tbody", null, (r.alerts ?? []).map(a => {
            const am = amAlerts.find(x => sameLabels(x.labels, a.labels));
            const silencedBy = am?.status.silencedBy ?? [];
            return h("tr", { "data-testid": "alert-row" },
              h("td", { "data-label": "Labels" }, labelChips(a.labels)),
              h("td", { "data-label": "State" }, badge(a.state),
                silencedBy.map(id => [" ", h("a", { href: `/silences/${encodeURIComponent(id)}`, class: "badge badge-suppressed" }, "silenced")])),
              h("td", { "data-label": "Active since", title: a.activeAt ?? "" }, a.activeAt ? formatAge(a.activeAt) : ""),
              h("td", { "data-label": "Value", class: "num mono" }, a.value),
              h("td", { "data-label": "Annotations" }, h("dl", { class: "kv" },
                Object.entries(a.annotations).map(([k, v]) => [h("dt", null, k), h("dd", null, v)]))),
              h("td", null, canEdit()
                ? h("a", { class: "btn small admin-only", href: `/silences/new?filter=${encodeURIComponent(filterForLabels(a.labels))}`, "data-testid": "silence-alert" }, "Silence")
                : null));
          })))))));
    };
    search.addEventListener("input", draw);
    await load();
    if (ctx.signal.aborted) return;
    draw();
    const timer = setInterval(() => {
      void load().then(() => {
        if (!ctx.signal.aborted) draw();
      }, () => undefined);
    }, 15_000);
    return () => clearInterval(timer);
  },
});
