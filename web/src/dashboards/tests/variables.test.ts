import type { VariableModel } from "../model";
import { applyRegex, chooseSelection, customOptions, parseVariableQuery, resolutionOrder, resolveVariables, scopeOf, sortOptions, VariableSource } from "../variables";
import { interpolate } from "../interpolate";
import { eq, test } from "./testkit";

test("parseVariableQuery: Grafana's Prometheus query forms", () => {
  eq(parseVariableQuery("label_values(up{job=\"a\"}, instance)"), { kind: "label_values", label: "instance", match: 'up{job="a"}' });
  eq(parseVariableQuery("label_values(job)"), { kind: "label_values", label: "job", match: null });
  eq(parseVariableQuery("label_names()"), { kind: "label_names", match: null });
  eq(parseVariableQuery("metrics(node_.*)"), { kind: "metrics", regex: "node_.*" });
  eq(parseVariableQuery("query_result(topk(3, up))"), { kind: "query_result", expr: "topk(3, up)" });
  eq(parseVariableQuery("up"), { kind: "query_result", expr: "up" });
});

test("customOptions: values, key : value pairs, escaped commas", () => {
  eq(customOptions("a, b ,c"), [{ text: "a", value: "a" }, { text: "b", value: "b" }, { text: "c", value: "c" }]);
  eq(customOptions("Prod : prod-1,x\\,y"), [{ text: "Prod", value: "prod-1" }, { text: "x,y", value: "x,y" }]);
});

test("applyRegex: filter, capture group, named groups, dedupe", () => {
  eq(applyRegex(["node-1:9100", "node-2:9100", "other"], "/(node-\\d+):.*/").map(o => o.value), ["node-1", "node-2"]);
  eq(applyRegex(['up{instance="a"} 1 0', 'up{instance="b"} 1 0'], '/instance="(?<value>[^"]+)"/').map(o => o.value), ["a", "b"]);
  eq(applyRegex(["a", "a"], undefined).length, 1);
});

test("sortOptions: alphabetical, numerical, descending", () => {
  const o = ["n10", "n9", "N1"].map(v => ({ text: v, value: v }));
  eq(sortOptions(o, 1).map(x => x.text), ["N1", "n10", "n9"]);
  eq(sortOptions(o, 3).map(x => x.text), ["N1", "n9", "n10"]);
  eq(sortOptions(o, 4).map(x => x.text), ["n10", "n9", "N1"]);
});

const ns: VariableModel = { name: "namespace", type: "query", query: "label_values(kube_pod_info, namespace)", includeAll: true, multi: true };
const pod: VariableModel = { name: "pod", type: "query", query: { query: 'label_values(kube_pod_info{namespace=~"$namespace"}, pod)' } };

test("resolutionOrder: chained variables after what they use", () => {
  eq(resolutionOrder([pod, ns]).map(m => m.name), ["namespace", "pod"]);
});

test("chooseSelection: URL, then saved current, then All or first", () => {
  const opts = [{ text: "a", value: "a" }, { text: "b", value: "b" }];
  eq(chooseSelection(ns, opts, ["b"]), ["b"]);
  eq(chooseSelection(ns, opts, ["All"]), ["$__all"]);
  eq(chooseSelection({ ...ns, current: { value: ["a", "gone"] } }, opts, []), ["a"]);
  eq(chooseSelection(ns, opts, []), ["$__all"]);
  eq(chooseSelection(pod as VariableModel, opts, ["nope"]), ["a"]);
});

test("resolveVariables: chained query, custom, constant, interval auto, datasource", async () => {
  const seen: string[] = [];
  const source: VariableSource = {
    labelNames: async () => ["job"],
    labelValues: async (label, match) => {
      seen.push(`${label} ${match}`);
      return label === "namespace" ? ["kube-system", "default"] : match?.includes("default") ? ["p1", "p2"] : ["k1"];
    },
    query: async () => [],
  };
  const models: VariableModel[] = [
    { name: "datasource", type: "datasource", query: "prometheus" },
    pod, { ...ns, sort: 1 },
    { name: "env", type: "custom", query: "prod,dev", current: { value: "dev" } },
    { name: "c", type: "constant", query: "42", hide: 2 },
    { name: "iv", type: "interval", query: "1m,5m", auto: true, auto_count: 30, auto_min: "10s", current: { value: "$__auto_interval_iv" } },
  ];
  const url = new URLSearchParams("var-namespace=default");
  const states = await resolveVariables(models, url, source, 0, 3_600_000, {});
  const byName = Object.fromEntries(states.map(s => [s.model.name, s.selected]));
  eq(byName, { datasource: ["argus"], pod: ["p1"], namespace: ["default"], env: ["dev"], c: ["42"], iv: ["2m"] });
  eq(seen, ["namespace kube_pod_info", 'pod kube_pod_info{namespace=~"default"}']);
  eq(interpolate('x{ns=~"$namespace",pod="$pod",e="$env"}[$iv] $c', scopeOf(states)), 'x{ns=~"default",pod="p1",e="dev"}[2m] 42');
});

test("resolveVariables: a failing query is recorded, the rest resolve", async () => {
  const source: VariableSource = {
    labelNames: async () => [], query: async () => [],
    labelValues: async () => { throw new Error("bad_data: 1:5: parse error"); },
  };
  const states = await resolveVariables([ns, { name: "env", type: "custom", query: "a" }], new URLSearchParams(), source, 0, 1, {});
  eq(states[0].error, "bad_data: 1:5: parse error");
  eq(states[1].selected, ["a"]);
});
