// Value mappings as Grafana applies them (node --test via web/test.mjs).
import assert from "node:assert/strict";
import test from "node:test";
import { cssColor } from "./thresholds";
import { displayNumber, displayString, legacyPanelMappings, mapValue, normalizeMappings } from "./valueMappings";

const mappings = normalizeMappings([
  { type: "value", options: { "1": { text: "Up", color: "green", index: 0 }, "0": { text: "Down", color: "red", index: 1 } } },
  { type: "range", options: { from: 10, to: 20, result: { text: "ten-ish", color: "orange", index: 2 } } },
  { type: "range", options: { from: null, to: -1, result: { text: "negative", index: 3 } } },
  { type: "regex", options: { pattern: "node-(.*)", result: { text: "host $1", color: "blue", index: 4 } } },
  { type: "special", options: { match: "null", result: { text: "N/A", color: "text", index: 5 } } },
  { type: "special", options: { match: "nan", result: { text: "not a number", index: 6 } } },
  { type: "special", options: { match: "empty", result: { text: "(empty)", index: 7 } } },
]);

test("value mappings match the value's text exactly", () => {
  assert.equal(mapValue(mappings, 1)?.text, "Up");
  assert.equal(mapValue(mappings, 0)?.text, "Down");
  assert.equal(mapValue(mappings, 2), null, "no mapping for 2");
});

test("range mappings include both ends; an open end is unbounded", () => {
  assert.equal(mapValue(mappings, 10)?.text, "ten-ish");
  assert.equal(mapValue(mappings, 20)?.text, "ten-ish");
  assert.equal(mapValue(mappings, 20.5), null);
  assert.equal(mapValue(mappings, -1e9)?.text, "negative");
});

test("regex mappings apply to strings only, anchored, with capture groups in the text", () => {
  assert.equal(mapValue(mappings, "node-a")?.text, "host a");
  assert.equal(mapValue(mappings, "my-node-a"), null, "a bare pattern is anchored (Grafana's stringToJsRegex)");
  assert.equal(mapValue(normalizeMappings([{ type: "regex", options: { pattern: "/^x/i", result: { text: "X" } } }]), "xyz")?.text, "Xyz",
    "a /slashed/ pattern is not anchored and replaces only the match, as Grafana's value.replace(regex, text)");
});

test("special mappings: null, NaN, null+NaN, true, false, empty", () => {
  assert.equal(mapValue(mappings, null)?.text, "N/A");
  assert.equal(mapValue(mappings, NaN)?.text, "not a number");
  assert.equal(mapValue(mappings, "")?.text, "(empty)");
  const both = normalizeMappings([{ type: "special", options: { match: "null+nan", result: { text: "-" } } }]);
  assert.equal(mapValue(both, null)?.text, "-");
  assert.equal(mapValue(both, NaN)?.text, "-");
  const bools = normalizeMappings([
    { type: "special", options: { match: "true", result: { text: "yes" } } },
    { type: "special", options: { match: "false", result: { text: "no" } } },
  ]);
  assert.equal(mapValue(bools, 1)?.text, "yes");
  assert.equal(mapValue(bools, "false")?.text, "no");
  assert.equal(mapValue(bools, 2), null);
});

test("the first matching mapping wins, in array order", () => {
  const m = normalizeMappings([
    { type: "range", options: { from: 0, to: 100, result: { text: "range" } } },
    { type: "value", options: { "5": { text: "five" } } },
  ]);
  assert.equal(mapValue(m, 5)?.text, "range");
});

test("old (schema < 28) mappings and singlestat valueMaps/rangeMaps are upgraded", () => {
  const old = normalizeMappings([
    { id: 0, type: 1, value: "1", text: "Running", op: "=" },
    { id: 1, type: 1, value: "null", text: "Unknown" },
    { id: 2, type: 2, from: "2", to: "5", text: "Degraded" },
  ]);
  assert.equal(mapValue(old, 1)?.text, "Running");
  assert.equal(mapValue(old, null)?.text, "Unknown");
  assert.equal(mapValue(old, 3)?.text, "Degraded");
  const panel = { type: "singlestat", mappingType: 1, valueMaps: [{ op: "=", value: "0", text: "Off" }] };
  assert.equal(mapValue(normalizeMappings(legacyPanelMappings(panel as never)), 0)?.text, "Off");
});

test("displayNumber: a mapping's text and colour win over unit and thresholds; unmapped values keep both", () => {
  const d = { unit: "percent", decimals: 1, mappings: [{ type: "value", options: { "1": { text: "Up", color: "green" } } }, { type: "range", options: { from: 50, to: 60, result: { color: "purple" } } }],
              thresholds: { steps: [{ color: "green", value: null }, { color: "red", value: 80 }] } };
  assert.deepEqual(displayNumber(1, d), { text: "Up", color: cssColor("green"), mapped: true });
  assert.deepEqual(displayNumber(90, d), { text: "90.0%", color: cssColor("red"), mapped: false });
  assert.deepEqual(displayNumber(55, d), { text: "55.0%", color: cssColor("purple"), mapped: true }, "a colour-only mapping keeps the formatted text");
  assert.equal(displayNumber(null, { mappings: [{ type: "special", options: { match: "null", result: { text: "N/A" } } }] }).text, "N/A");
  assert.equal(displayNumber(null, {}).text, "No data");
});

test("displayString maps label cells and says when nothing matched", () => {
  assert.deepEqual(displayString("node-b", mappings), { text: "host b", color: cssColor("blue"), mapped: true });
  assert.equal(displayString("other", mappings), null);
});
