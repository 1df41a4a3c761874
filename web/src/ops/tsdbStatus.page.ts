// /tsdb-status: head statistics and cardinality (top metrics, label names and label pairs by series count).

import { apiData } from "../shell/api";
import { h, replace } from "../shell/dom";
import { registerPage } from "../shell/router";
import { graphHref } from "./graphLink";

interface NameValue {
  name: string;
  value: number;
}

interface TsdbStatus {
  headStats: { numSeries: number; numLabelPairs?: number; chunkCount: number; minTime: number; maxTime: number };
  seriesCountByMetricName: NameValue[];
  labelValueCountByLabelName: NameValue[];
  memoryInBytesByLabelName: NameValue[];
  seriesCountByLabelValuePair: NameValue[];
}

function table(title: string, column: string, rows: NameValue[], link?: (name: string) => string): HTMLElement {
  return h("section", { class: "panel" }, h("h3", null, title),
    rows.length === 0 ? h("p", { class: "empty" }, "None.") : h("div", { class: "table-wrap" }, h("table", { class: "data" },
      h("thead", null, h("tr", null, h("th", null, "Name"), h("th", { class: "num" }, column))),
      h("tbody", null, rows.map(r => h("tr", null,
        h("td", { class: "mono" }, link ? h("a", { href: link(r.name) }, r.name) : r.name),
        h("td", { class: "num" }, r.value.toLocaleString())))))));
}

function time(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : "-";
}

registerPage({
  path: "/tsdb-status",
  title: "TSDB status",
  nav: { label: "TSDB", order: 60 },
  async render(root, ctx) {
    const limit = Math.min(1000, Math.max(1, parseInt(ctx.query.get("limit") ?? "10", 10) || 10));
    const data = await apiData<TsdbStatus>(`/api/v1/status/tsdb?limit=${limit}`, ctx.signal);
    if (ctx.signal.aborted) return;
    const s = data.headStats;
    const limitSelect = h("select", { class: "input", "aria-label": "Rows per table" }, [10, 20, 50, 100].map(n => h("option", { value: String(n) }, `top ${n}`)));
    limitSelect.value = String(limit);
    limitSelect.addEventListener("change", () => ctx.navigate(`/tsdb-status?limit=${limitSelect.value}`, true));
    replace(root,
      h("section", { class: "panel" }, h("h3", null, "Head"), h("dl", { class: "kv", "data-testid": "head-stats" },
        h("dt", null, "Series"), h("dd", null, s.numSeries.toLocaleString()),
        s.numLabelPairs !== undefined ? [h("dt", null, "Label pairs"), h("dd", null, s.numLabelPairs.toLocaleString())] : null,
        h("dt", null, "Chunks"), h("dd", null, s.chunkCount.toLocaleString()),
        h("dt", null, "Min time"), h("dd", null, time(s.minTime)),
        h("dt", null, "Max time"), h("dd", null, time(s.maxTime)))),
      h("div", { class: "toolbar" }, limitSelect),
      table("Top metrics by series count", "Series", data.seriesCountByMetricName, n => graphHref(`count(${n})`, "table")),
      table("Top label pairs by series count", "Series", data.seriesCountByLabelValuePair,
        pair => {
          const i = pair.indexOf("=");
          return graphHref(`count({${pair.slice(0, i)}=${JSON.stringify(pair.slice(i + 1))}})`, "table");
        }),
      table("Top label names by value count", "Values", data.labelValueCountByLabelName),
      table("Top label names by memory", "Bytes", data.memoryInBytesByLabelName));
  },
});
