// /rules: rule groups with each rule's expression (linked to the explorer), health, last error and evaluation times.

import { apiData } from "../shell/api";
import { badge, formatAge, formatDuration, h, labelChips, replace } from "../shell/dom";
import { registerPage } from "../shell/router";
import { formatPromDuration } from "../shell/timeRange";
import { exprLink } from "./graphLink";
import type { Rule, RuleGroup } from "./types";

function ruleRow(r: Rule): HTMLElement {
  return h("tr", null,
    h("td", { "data-label": "Rule" },
      h("div", null, h("b", null, r.type === "alerting" ? "alert: " : "record: "), r.name),
      h("div", null, exprLink(r.query)),
      r.duration ? h("div", { class: "muted" }, `for: ${formatPromDuration(r.duration * 1000)}`) : null,
      r.labels && Object.keys(r.labels).length ? h("div", null, labelChips(r.labels)) : null,
      r.annotations && Object.keys(r.annotations).length
        ? h("dl", { class: "kv" }, Object.entries(r.annotations).map(([k, v]) => [h("dt", null, k), h("dd", null, v)]))
        : null),
    h("td", { "data-label": "State" }, r.state ? badge(r.state) : null, " ", badge(r.health)),
    h("td", { "data-label": "Error", class: "error-text" }, r.lastError ?? ""),
    h("td", { "data-label": "Last evaluation", title: r.lastEvaluation }, formatAge(r.lastEvaluation)),
    h("td", { "data-label": "Evaluation time", class: "num" }, formatDuration(r.evaluationTime * 1000)));
}

registerPage({
  path: "/rules",
  title: "Rules",
  nav: { label: "Rules", order: 30 },
  async render(root, ctx) {
    replace(root, h("p", { class: "muted" }, "Loading…"));
    const data = await apiData<{ groups: RuleGroup[] }>("/api/v1/rules", ctx.signal);
    if (ctx.signal.aborted) return;
    if (data.groups.length === 0) {
      replace(root, h("p", { class: "empty" }, "No rule groups are loaded."));
      return;
    }
    replace(root, data.groups.map(g => h("details", { class: "panel group", open: true },
      h("summary", { class: "group-title" },
        h("span", null, h("b", null, g.name), " ", h("span", { class: "muted" }, g.file)),
        h("span", { class: "muted" }, `every ${formatPromDuration(g.interval * 1000)} · last ${formatAge(g.lastEvaluation)} · took ${formatDuration(g.evaluationTime * 1000)}`)),
      h("div", { class: "table-wrap" }, h("table", { class: "data responsive" },
        h("thead", null, h("tr", null, ["Rule", "State", "Error", "Last evaluation", "Evaluation time"].map(c => h("th", null, c)))),
        h("tbody", null, g.rules.map(ruleRow)))))));
  },
});
