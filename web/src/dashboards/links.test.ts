// Panel, data and dashboard links (node --test via web/test.mjs).
import assert from "node:assert/strict";
import test from "node:test";
import type { Scope, VariableValue } from "./interpolate";
import { appendQuery, dashboardsByTags, interpolateLink, resolveLink, sanitizeUrl } from "./links";

const one = (v: string): VariableValue => ({ values: [v], texts: [v], isAll: false, allValue: null, options: [v], multiOrAll: false });
const scope: Scope = new Map([["job", one("node")], ["instance", one("a:9100")]]);
const ctx = { startMs: 1_700_000_000_000, endMs: 1_700_003_600_000, scope };

test("data link variables: field labels, field and series names, value raw/numeric/text/time", () => {
  const url = "/d/x?var-instance=${__field.labels.instance}&n=${__field.name}&s=${__series.name}&v=${__value.raw}&num=${__value.numeric}&t=${__value.text}&at=${__value.time}";
  const out = interpolateLink(url, { ...ctx, labels: { instance: "b:9100", job: "node" }, fieldName: "Value", seriesName: "b:9100 up",
                                      valueRaw: 0.5, valueText: "50%", valueTimeMs: 1_700_000_060_000 });
  assert.equal(out, "/d/x?var-instance=b:9100&n=Value&s=b:9100 up&v=0.5&num=0.5&t=50%&at=1700000060000");
});

test("time range and variables: ${__url_time_range}, $__from/$__to, ${__all_variables}, $var", () => {
  assert.equal(interpolateLink("/d/y?${__url_time_range}", ctx), "/d/y?from=1700000000000&to=1700003600000");
  assert.equal(interpolateLink("/x?f=$__from&t=${__to}", ctx), "/x?f=1700000000000&t=1700003600000");
  assert.equal(interpolateLink("/d/z?${__all_variables}", ctx), "/d/z?var-job=node&var-instance=a%3A9100");
  assert.equal(interpolateLink("https://wiki/$job/${instance}", ctx), "https://wiki/node/a:9100");
  assert.equal(interpolateLink("/q?l=${__field.labels.pod:percentencode}", { ...ctx, labels: { pod: "a b&c" } }), "/q?l=a%20b%26c");
});

test("table rows: ${__data.fields.x} and ${__data.fields[\"x\"]}", () => {
  const row = { pod: "p-1", Value: 3 };
  assert.equal(interpolateLink('/p/${__data.fields.pod}/${__data.fields["Value"]}', { ...ctx, row }), "/p/p-1/3");
});

test("unknown built-ins stay as written, as Grafana leaves them", () => {
  assert.equal(interpolateLink("/x/${__field.labels.missing}", { ...ctx, labels: {} }), "/x/${__field.labels.missing}");
});

test("only http(s), mailto and local URLs are followed", () => {
  assert.equal(sanitizeUrl("javascript:alert(1)"), "about:blank");
  assert.equal(sanitizeUrl(" JavaScript:alert(1)"), "about:blank");
  assert.equal(sanitizeUrl("data:text/html,x"), "about:blank");
  assert.equal(sanitizeUrl("//evil.example/x"), "about:blank");
  assert.equal(sanitizeUrl("https://grafana.example/d/x"), "https://grafana.example/d/x");
  assert.equal(sanitizeUrl("/d/argus-nodes?x=1"), "/d/argus-nodes?x=1");
});

test("keepTime and includeVars append from/to and var-* to the URL, before its fragment", () => {
  const r = resolveLink({ title: "Nodes $job", url: "/d/argus-nodes#top", keepTime: true, includeVars: true, targetBlank: true }, ctx);
  assert.equal(r.href, "/d/argus-nodes?from=1700000000000&to=1700003600000&var-job=node&var-instance=a%3A9100#top");
  assert.equal(r.title, "Nodes node");
  assert.equal(r.targetBlank, true);
  assert.equal(appendQuery("/x?a=1", "b=2"), "/x?a=1&b=2");
  assert.equal(appendQuery("/x", ""), "/x");
});

test("dashboards by tag: all tags required, the current dashboard and broken files left out", () => {
  const list = [
    { uid: "a", tags: ["k8s", "nodes"] }, { uid: "b", tags: ["k8s"] }, { uid: "c", tags: ["k8s", "nodes"], error: "bad" }, { uid: "self", tags: ["k8s", "nodes"] },
  ];
  assert.deepEqual(dashboardsByTags(list, ["k8s", "nodes"], "self").map(d => d.uid), ["a"]);
  assert.deepEqual(dashboardsByTags(list, ["k8s"], "self").map(d => d.uid), ["a", "b"]);
});
