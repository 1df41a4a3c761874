// Alertmanager matcher text (node --test via web/test.mjs).
import assert from "node:assert/strict";
import test from "node:test";
import { filterForLabels, formatMatchers, matchesAll, parseMatchers } from "./matchers";

test("parses the four operators, quoted escapes and bare values", () => {
  assert.deepEqual(parseMatchers('{alertname="Foo", team=~"a.*", env!="dev",job!~"x|y"}'), [
    { name: "alertname", value: "Foo", isRegex: false, isEqual: true },
    { name: "team", value: "a.*", isRegex: true, isEqual: true },
    { name: "env", value: "dev", isRegex: false, isEqual: false },
    { name: "job", value: "x|y", isRegex: true, isEqual: false },
  ]);
  assert.deepEqual(parseMatchers('a="x\\"y,z}"'), [{ name: "a", value: 'x"y,z}', isRegex: false, isEqual: true }]);
  assert.deepEqual(parseMatchers("{a=b}"), [{ name: "a", value: "b", isRegex: false, isEqual: true }]);
  assert.deepEqual(parseMatchers("{}"), []);
});

test("rejects malformed matchers naming the problem", () => {
  assert.throws(() => parseMatchers("{a=\"b\""), /closing/);
  assert.throws(() => parseMatchers("{1a=\"b\"}"), /label name/);
  assert.throws(() => parseMatchers("{a~\"b\"}"), /expected =/);
  assert.throws(() => parseMatchers("{a=\"b}"), /unterminated|closing/);
  assert.throws(() => parseMatchers("{a=\"b\" c=\"d\"}"), /expected ","/);
});

test("formats round-trip and match like Alertmanager (anchored regexes, missing label is empty)", () => {
  const ms = parseMatchers('{a="1", b=~"x.*", c!="", d!~"z"}');
  assert.deepEqual(parseMatchers(formatMatchers(ms)), ms);
  assert.equal(matchesAll({ a: "1", b: "xy", c: "v" }, ms), true);
  assert.equal(matchesAll({ a: "1", b: "yx", c: "v" }, ms), false, "regex is anchored");
  assert.equal(matchesAll({ a: "1", b: "x" }, ms), false, "c missing is empty");
  assert.equal(matchesAll({ a: "1", b: "x", c: "v", d: "z" }, ms), false);
});

test("the filter for one alert lists alertname first and every label", () => {
  assert.equal(filterForLabels({ job: "a", alertname: "X", severity: "page" }), '{alertname="X", job="a", severity="page"}');
});
