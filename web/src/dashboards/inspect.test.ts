// Panel inspect (data table, CSV, queries) and the explorer link (node --test via web/test.mjs).
import assert from "node:assert/strict";
import test from "node:test";
import { parsePanels } from "../explorer/graphUrl";
import { dataTable, exploreUrl, queryInfo, toCsv } from "./inspect";
import { computeIntervals, datasourceScrapeIntervalMs, defaultScrapeIntervalMs, setDatasourceScrapeInterval } from "./intervals";
import type { PanelData } from "./query";

const data: PanelData = {
  series: [
    { refId: "A", metric: { __name__: "up", job: "a,b", instance: "x" }, values: [[1700000000, "1"], [1700000015, "0"]], legendFormat: "{{instance}}" },
    { refId: "B", metric: { job: 'say "hi"' }, values: [[1700000015, "NaN"]] },
  ],
  instant: false,
  startMs: 1_700_000_000_000,
  endMs: 1_700_003_600_000,
  stepMs: 15_000,
  intervals: computeIntervals({ startMs: 0, endMs: 3_600_000, widthPx: 1000 }),
  queries: [{ refId: "A", expr: 'up{job=~"a|b"}', instant: false }, { refId: "B", expr: "vector(1)", instant: true }],
};

test("dataTable: one row per sample with series name, query, labels and the value as sent", () => {
  const t = dataTable(data);
  assert.deepEqual(t.columns, ["Time", "Series", "Query", "__name__", "instance", "job", "Value"]);
  assert.deepEqual(t.rows[0], ["2023-11-14T22:13:20.000Z", "x", "A", "up", "x", "a,b", "1"]);
  assert.equal(t.rows.length, 3);
  assert.equal(t.rows[2][6], "NaN");
});

test("toCsv quotes commas and quotes (RFC 4180) and ends lines with CRLF", () => {
  const csv = toCsv(dataTable(data));
  const lines = csv.split("\r\n");
  assert.equal(lines[0], "Time,Series,Query,__name__,instance,job,Value");
  assert.equal(lines[1], '2023-11-14T22:13:20.000Z,x,A,up,x,"a,b",1');
  assert.ok(lines[3].includes('"say ""hi"""'), lines[3]);
  assert.equal(lines[4], "");
});

test("queryInfo: the interpolated expressions with the range or instant parameters they ran with", () => {
  const [a, b] = queryInfo(data);
  assert.deepEqual(a.params, { query: 'up{job=~"a|b"}', start: "1700000000", end: "1700003600", step: "15" });
  assert.deepEqual(b.params, { query: "vector(1)", time: "1700003600" });
});

test("exploreUrl opens the explorer with every query, its tab, step, range and the dashboard's from/to", () => {
  const url = exploreUrl(data, { from: "now-1h", to: "now" });
  assert.ok(url.startsWith("/graph?"));
  const q = new URLSearchParams(url.slice("/graph?".length));
  const panels = parsePanels(q);
  assert.equal(panels.length, 2);
  assert.equal(panels[0].expr, 'up{job=~"a|b"}');
  assert.equal(panels[0].tab, "graph");
  assert.equal(panels[0].stepSeconds, 15);
  assert.equal(panels[0].rangeMs, 3_600_000);
  assert.equal(panels[1].tab, "table");
  assert.equal(q.get("from"), "now-1h");
  assert.equal(q.get("to"), "now");
});

test("the data source scrape interval (the server's global scrape_interval) drives $__interval and $__rate_interval", () => {
  try {
    setDatasourceScrapeInterval("1s");
    assert.equal(datasourceScrapeIntervalMs(), 1000);
    let iv = computeIntervals({ startMs: 0, endMs: 3_600_000, widthPx: 1000 });
    assert.deepEqual([iv.builtIns.__interval, iv.builtIns.__rate_interval], ["5s", "6s"], "1h over 1000 px is 5s; rate = max(5s + 1s, 4 x 1s)");
    setDatasourceScrapeInterval("30s");
    iv = computeIntervals({ startMs: 0, endMs: 3_600_000, widthPx: 1000 });
    assert.deepEqual([iv.builtIns.__interval, iv.builtIns.__rate_interval], ["30s", "2m"], "the scrape interval floors $__interval; rate = 4 x 30s");
    setDatasourceScrapeInterval("1m30s");
    assert.equal(datasourceScrapeIntervalMs(), 90_000);
    setDatasourceScrapeInterval("garbage");
    assert.equal(datasourceScrapeIntervalMs(), defaultScrapeIntervalMs, "unreadable → Grafana's 15 s default");
  } finally {
    setDatasourceScrapeInterval(undefined);
  }
});
