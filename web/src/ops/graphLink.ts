// Links from the operations pages into the explorer, in Prometheus's URL form.

import { h } from "../shell/dom";

export function graphHref(expr: string, tab: "graph" | "table" = "graph"): string {
  const q = new URLSearchParams({ "g0.expr": expr, "g0.tab": tab === "table" ? "1" : "0", "g0.range_input": "1h" });
  return `/graph?${q.toString()}`;
}

/** The expression as code, linked to graph it. */
export function exprLink(expr: string): HTMLElement {
  return h("a", { class: "mono expr", href: graphHref(expr), title: "Graph this expression" }, expr);
}
