import type { VariableValue } from "../interpolate";
import { layout } from "../layout";
import { panelsOf, Panel } from "../model";
import { toHeatmap } from "../panels/heatmapData";
import { toTable } from "../panels/tableData";
import { legendName } from "../legend";
import { reduce, SeriesResult } from "../query";
import { eq, test } from "./testkit";

const v = (values: string[], isAll = false): VariableValue => ({ values, texts: values, isAll, allValue: null, options: ["a", "b", "c"], multiOrAll: true });

test("layout: gridPos kept, compacted upwards", () => {
  const panels: Panel[] = [
    { id: 1, type: "stat", gridPos: { x: 0, y: 0, w: 12, h: 4 } },
    { id: 2, type: "stat", gridPos: { x: 12, y: 0, w: 12, h: 4 } },
    { id: 3, type: "timeseries", gridPos: { x: 0, y: 10, w: 24, h: 8 } },
  ];
  eq(layout(panels, new Map()).map(i => [i.panel.id, i.pos.x, i.pos.y, i.pos.w, i.pos.h]), [[1, 0, 0, 12, 4], [2, 12, 0, 12, 4], [3, 0, 4, 24, 8]]);
});

test("layout: panel repeat by a multi-value variable, horizontal, each bound to one value", () => {
  const panels: Panel[] = [{ id: 1, type: "stat", repeat: "x", gridPos: { x: 0, y: 0, w: 8, h: 4 } }];
  const items = layout(panels, new Map([["x", v(["a", "b"])]]));
  eq(items.map(i => [i.pos.x, i.pos.y, i.pos.w, i.overrides.get("x")!.values]), [[0, 0, 12, ["a"]], [12, 0, 12, ["b"]]]);
});

test("layout: row repeat for All repeats the section per option; collapsed rows hide their panels", () => {
  const panels: Panel[] = [
    { id: 1, type: "row", title: "$x", repeat: "x", gridPos: { x: 0, y: 0, w: 24, h: 1 } },
    { id: 2, type: "stat", gridPos: { x: 0, y: 1, w: 24, h: 3 } },
    { id: 3, type: "row", title: "hidden", collapsed: true, gridPos: { x: 0, y: 4, w: 24, h: 1 }, panels: [{ id: 4, type: "stat", gridPos: { x: 0, y: 5, w: 24, h: 3 } }] },
  ];
  const items = layout(panels, new Map([["x", v(["a", "b", "c"], true)]]));
  eq(items.map(i => [i.panel.id, i.pos.y, i.overrides.get("x")?.values[0] ?? null]),
     [[1, 0, "a"], [2, 1, "a"], [1, 4, "b"], [2, 5, "b"], [1, 8, "c"], [2, 9, "c"], [3, 12, null]]);
  const expanded = layout(panels, new Map([["x", v(["a"])]]), new Set([3]));
  eq(expanded.map(i => i.panel.id), [1, 2, 3, 4]);
});

test("panelsOf: pre-v16 rows with spans become the 24-column grid", () => {
  const ps = panelsOf({ uid: "u", title: "t", rows: [{ title: "R", height: "250px", panels: [{ type: "graph", span: 6 }, { type: "graph", span: 6 }] }] });
  eq(ps.map(p => [p.type, p.gridPos!.x, p.gridPos!.y, p.gridPos!.w]), [["row", 0, 0, 24], ["graph", 0, 1, 12], ["graph", 12, 1, 12]]);
});

test("legendName: {{label}} templates and the default series name", () => {
  eq(legendName("{{instance}} {{ mode }}", { instance: "n1", mode: "idle" }), "n1 idle");
  eq(legendName("", { __name__: "up", job: "a" }), 'up{job="a"}');
});

test("reduce: Grafana calcs", () => {
  const vals: [number, string][] = [[1, "1"], [2, "NaN"], [3, "5"]];
  eq([reduce(vals, "lastNotNull"), reduce(vals, "mean"), reduce(vals, "max"), reduce(vals, "first"), reduce([], "last")], [5, 3, 5, 1, null]);
});

test("toHeatmap: cumulative le buckets become per-bucket counts", () => {
  const s = (le: string, vals: number[]) => ({ refId: "A", metric: { le }, values: vals.map((v, i) => [i, String(v)] as [number, string]) });
  const h = toHeatmap([s("+Inf", [10, 12]), s("0.1", [2, 3]), s("1", [7, 9])]);
  eq(h.bounds, [0.1, 1, Infinity]);
  eq(h.counts, [[2, 3], [5, 6], [3, 3]]);
});

test("toTable: queries merged by labels, organize excludes and renames", () => {
  const series: SeriesResult[] = [
    { refId: "A", metric: { __name__: "a", pod: "p1", job: "k" }, values: [[10, "1"]] as [number, string][] },
    { refId: "B", metric: { pod: "p1", job: "k" }, values: [[10, "5"]] as [number, string][] },
    { refId: "A", metric: { __name__: "a", pod: "p2", job: "k" }, values: [[10, "2"]] as [number, string][] },
  ];
  const t = toTable(series, { type: "table", transformations: [{ id: "organize", options: { excludeByName: { Time: true, job: true, __name__: true }, renameByName: { "Value #B": "Restarts" } } }] });
  eq(t.columns, ["pod", "Value #A", "Restarts"]);
  eq(t.rows, [["p1", 1, 5], ["p2", 2, null]]);
});
