// Routes, time ranges and durations (node --test via web/test.mjs; not type-checked by tsc, which has no node types here).
import assert from "node:assert/strict";
import test from "node:test";
import { hashRouteTarget, matchRoute, registerPage } from "./router";
import { autoStepMs, formatPromDuration, parseDuration, resolveRange, resolveTime } from "./timeRange";

const page = (path, priority = 0) => registerPage({ path, title: path, priority, render() {} });
page("/");
page("/silences");
page("/silences/:id");
page("/silences/new", 0);
page("/d/:uid/*");
page("/", 10);

test("literal segments beat parameters, parameters beat rest, priority breaks ties", () => {
  assert.equal(matchRoute("/silences/new").def.path, "/silences/new");
  assert.deepEqual(matchRoute("/silences/abc-123").params, { id: "abc-123" });
  assert.equal(matchRoute("/silences/").def.path, "/silences");
  assert.deepEqual(matchRoute("/d/node/panel/3").params, { uid: "node", "*": "panel/3" });
  assert.deepEqual(matchRoute("/d/node").params, { uid: "node", "*": "" });
  assert.equal(matchRoute("/").def.priority, 10);
  assert.equal(matchRoute("/nope"), null);
  assert.deepEqual(matchRoute("/silences/a%2Fb").params, { id: "a/b" });
});

test("Alertmanager hash routes map to path routes", () => {
  assert.equal(hashRouteTarget("#/silences/new?filter=%7Ba%3D%22b%22%7D"), "/silences/new?filter=%7Ba%3D%22b%22%7D");
  assert.equal(hashRouteTarget("#/alerts"), "/alerts");
  assert.equal(hashRouteTarget("#section"), null);
  assert.equal(hashRouteTarget(""), null);
});

test("Prometheus durations", () => {
  assert.equal(parseDuration("1h30m"), 5_400_000);
  assert.equal(parseDuration("90s"), 90_000);
  assert.equal(parseDuration("250ms"), 250);
  assert.equal(parseDuration("1x"), null);
  assert.equal(parseDuration("h"), null);
  assert.equal(formatPromDuration(5_400_000), "1h30m");
  assert.equal(formatPromDuration(604_800_000 + 1000), "1w1s");
});

test("Grafana-style relative and absolute times", () => {
  const now = Date.UTC(2024, 4, 15, 13, 47, 12);
  assert.equal(resolveTime("now", now), now);
  assert.equal(resolveTime("now-6h", now), now - 6 * 3_600_000);
  assert.equal(resolveTime("now+5m", now), now + 300_000);
  assert.equal(resolveTime("now-5400000ms", now), now - 5_400_000);
  assert.equal(resolveTime("1700000000000", now), 1_700_000_000_000);
  assert.equal(resolveTime("2024-05-15T00:00:00Z", now), Date.UTC(2024, 4, 15));
  assert.equal(resolveTime("now-", now), null);
  assert.equal(resolveTime("yesterday", now), null);
  const h = new Date(resolveTime("now/h", now));
  assert.equal(h.getMinutes() + h.getSeconds() + h.getMilliseconds(), 0);
  assert.deepEqual(resolveRange({ from: "now-1h", to: "now" }, now), { startMs: now - 3_600_000, endMs: now });
  assert.deepEqual(resolveRange({ from: "now", to: "now-1h" }, now), { startMs: now - 3_600_000, endMs: now }, "reversed falls back");
  assert.equal(autoStepMs({ startMs: 0, endMs: 3_600_000 }), 15_000);
  assert.equal(autoStepMs({ startMs: 0, endMs: 10_000 }), 1000);
});
