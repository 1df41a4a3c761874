// Prometheus's /graph link form (node --test via web/test.mjs).
import assert from "node:assert/strict";
import test from "node:test";
import { parsePanels, parsePromTime, rangeFromPanels, writePanels } from "./graphUrl";

test("reads Prometheus 2 and 3 panel parameters", () => {
  const q = new URLSearchParams("g0.expr=rate(x[5m])&g0.tab=1&g0.stacked=1&g0.range_input=1h30m&g0.step_input=15&g1.expr=up&g1.tab=graph");
  const [a, b] = parsePanels(q);
  assert.equal(a.expr, "rate(x[5m])");
  assert.equal(a.tab, "table");
  assert.equal(a.stacked, true);
  assert.equal(a.stepSeconds, 15);
  assert.equal(a.rangeMs, 5_400_000);
  assert.equal(b.expr, "up");
  assert.equal(b.tab, "graph");
  assert.equal(parsePanels(new URLSearchParams("")).length, 1, "an empty URL has one empty panel");
});

test("range_input and end_input become the shared range unless from/to are given", () => {
  const rel = new URLSearchParams("g0.expr=up&g0.range_input=1h");
  assert.deepEqual(rangeFromPanels(rel, parsePanels(rel)), { from: "now-1h", to: "now" });
  const odd = new URLSearchParams("g0.expr=up&g0.range_input=1h30m");
  assert.deepEqual(rangeFromPanels(odd, parsePanels(odd)), { from: "now-5400000ms", to: "now" });
  const abs = new URLSearchParams("g0.expr=up&g0.range_input=1h&g0.end_input=2024-01-02%2003:04:05");
  const end = Date.UTC(2024, 0, 2, 3, 4, 5);
  assert.deepEqual(rangeFromPanels(abs, parsePanels(abs)), { from: String(end - 3_600_000), to: String(end) });
  const grafana = new URLSearchParams("g0.expr=up&g0.range_input=1h&from=now-6h&to=now");
  assert.equal(rangeFromPanels(grafana, parsePanels(grafana)), null);
});

test("times in Prometheus's input format are UTC", () => {
  assert.equal(parsePromTime("2024-01-02 03:04:05"), Date.UTC(2024, 0, 2, 3, 4, 5));
  assert.equal(parsePromTime("2024-01-02 03:04"), Date.UTC(2024, 0, 2, 3, 4));
  assert.equal(parsePromTime("1700000000.5"), 1_700_000_000_500);
  assert.equal(parsePromTime("soon"), null);
});

test("writes the panels back in Prometheus's form", () => {
  const q = new URLSearchParams("g5.expr=stale&from=now-1h");
  const panels = parsePanels(new URLSearchParams("g0.expr=up&g0.tab=1&g0.stacked=1"));
  writePanels(q, panels, { startMs: 0, endMs: 7_200_000, relative: false });
  assert.equal(q.get("g5.expr"), null);
  assert.equal(q.get("g0.expr"), "up");
  assert.equal(q.get("g0.tab"), "1");
  assert.equal(q.get("g0.stacked"), "1");
  assert.equal(q.get("g0.range_input"), "2h");
  assert.equal(q.get("g0.end_input"), "1970-01-01 02:00:00");
  assert.equal(q.get("from"), "now-1h", "other parameters stay");
});
