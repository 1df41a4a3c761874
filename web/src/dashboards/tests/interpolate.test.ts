import { interpolate, promRegexEscape, referencedNames, VariableValue } from "../interpolate";
import { eq, test } from "./testkit";

function v(values: string[], opts: Partial<VariableValue> = {}): VariableValue {
  return { values, texts: values, isAll: false, allValue: null, options: ["a", "b", "c"], multiOrAll: values.length > 1, ...opts };
}

const scope = new Map<string, VariableValue>([
  ["job", v(["node"])],
  ["ns", v(["a", "b"])],
  ["all", v(["a", "b", "c"], { isAll: true, multiOrAll: true })],
  ["allc", v(["a", "b", "c"], { isAll: true, allValue: "a|b.*", multiOrAll: true })],
  ["dot", v(["x.y"], { multiOrAll: true })],
]);

test("interpolate: $var, ${var}, [[var]]", () => {
  eq(interpolate('up{job="$job"} ${job} [[job]]', scope), 'up{job="node"} node node');
});

test("interpolate: multi-value as a regex alternation", () => {
  eq(interpolate('m{ns=~"$ns"}', scope), 'm{ns=~"(a|b)"}');
});

test("interpolate: All without allValue is .*, with allValue the custom value", () => {
  eq(interpolate('m{ns=~"$all",x=~"$allc"}', scope), 'm{ns=~".*",x=~"a|b.*"}');
});

test("interpolate: formats csv, pipe, regex, json, glob, queryparam, doublequote, text", () => {
  eq(interpolate("${ns:csv} ${ns:pipe} ${ns:regex} ${ns:json} ${ns:glob}", scope), 'a,b a|b (a|b) ["a","b"] {a,b}');
  eq(interpolate("${ns:queryparam} ${ns:doublequote} ${ns:text}", scope), 'var-ns=a&var-ns=b "a","b" a + b');
  eq(interpolate("${all:csv} ${all:pipe}", scope), "a,b,c a|b|c");
  eq(interpolate("[[ns:pipe]]", scope), "a|b");
});

test("interpolate: a multi-capable variable's single value is regex-escaped for PromQL", () => {
  eq(interpolate('m{i=~"$dot"}', scope), 'm{i=~"x\\\\.y"}');
  eq(promRegexEscape("a.b|c"), "a\\\\.b\\\\|c");
});

test("interpolate: built-ins and unknown names", () => {
  eq(interpolate("rate(x[$__rate_interval]) $__range $nope", scope, { __rate_interval: "1m", __range: "3600s" }), "rate(x[1m]) 3600s $nope");
  eq(interpolate("${__from} ${__to}", scope, { __from: "1", __to: "2" }), "1 2");
});

test("referencedNames: every syntax", () => {
  eq([...referencedNames('m{a="$a",b="${b:csv}",c="[[c]]"}')].sort(), ["a", "b", "c"]);
});
