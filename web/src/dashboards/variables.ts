// Template variables: query (label_values, label_names, metrics, query_result), custom, interval, constant, datasource,
// textbox; multi-value and "All"; chained variables resolved in dependency order; selections kept in the URL as var-<name>.

import { interpolate, referencedNames, Scope, VariableValue } from "./interpolate";
import { formatInterval, roundInterval } from "./intervals";
import { parseDuration } from "../shell/timeRange";
import type { VariableModel } from "./model";

export const allMarker = "$__all";

export interface VariableOption { text: string; value: string }

/** What variable queries need from the server; the page passes the API, the tests a fake. */
export interface VariableSource {
  labelNames(match: string | null, startMs: number, endMs: number): Promise<string[]>;
  labelValues(label: string, match: string | null, startMs: number, endMs: number): Promise<string[]>;
  /** Instant query at endMs: each series' labels and value. */
  query(expr: string, timeMs: number): Promise<{ metric: Record<string, string>; value: string }[]>;
}

export type ParsedQuery =
  | { kind: "label_names"; match: string | null }
  | { kind: "label_values"; label: string; match: string | null }
  | { kind: "metrics"; regex: string }
  | { kind: "query_result"; expr: string };

/** Grafana's Prometheus variable query syntax (public/app/plugins/datasource/prometheus/metric_find_query.ts). */
export function parseVariableQuery(query: string): ParsedQuery {
  const q = query.trim();
  let m = /^label_names\(\s*(.*?)\s*\)\s*$/s.exec(q);
  if (m) return { kind: "label_names", match: m[1] || null };
  m = /^label_values\(\s*(?:(.*),\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$/s.exec(q);
  if (m) return { kind: "label_values", label: m[2], match: m[1]?.trim() || null };
  m = /^metrics\(\s*(.*?)\s*\)\s*$/s.exec(q);
  if (m) return { kind: "metrics", regex: m[1] };
  m = /^query_result\(\s*(.*)\s*\)\s*$/s.exec(q);
  if (m) return { kind: "query_result", expr: m[1] };
  return { kind: "query_result", expr: q };
}

export function queryText(v: VariableModel): string {
  if (typeof v.query === "string") return v.query;
  return v.query?.query ?? v.definition ?? "";
}

/** Grafana's "key : value" custom syntax with "\," escaping commas. */
export function customOptions(query: string): VariableOption[] {
  const parts = query.match(/(?:\\,|[^,])+/g) ?? [];
  return parts.map(p => p.trim().replace(/\\,/g, ",")).filter(p => p !== "").map(p => {
    const kv = /^(.+?)\s+:\s+(.+)$/.exec(p);
    return kv ? { text: kv[1], value: kv[2] } : { text: p, value: p };
  });
}

/** Applies a variable's "regex" (/pattern/flags): filter, and capture group 1 (or named groups text/value) as the value. */
export function applyRegex(values: string[], regex: string | undefined): VariableOption[] {
  const seen = new Set<string>();
  const out: VariableOption[] = [];
  let re: RegExp | null = null;
  if (regex) {
    const m = /^\/(.*)\/([gimsuy]*)$/s.exec(regex);
    re = m ? new RegExp(m[1], m[2].replace("g", "")) : new RegExp(regex);
  }
  for (const v of values) {
    let option: VariableOption = { text: v, value: v };
    if (re) {
      const m = re.exec(v);
      if (!m) continue;
      if (m.groups?.value !== undefined || m.groups?.text !== undefined) {
        option = { text: m.groups.text ?? m.groups.value!, value: m.groups.value ?? m.groups.text! };
      } else if (m.length > 1 && m[1] !== undefined) option = { text: m[1], value: m[1] };
    }
    if (seen.has(option.value)) continue;
    seen.add(option.value);
    out.push(option);
  }
  return out;
}

/** Grafana's variable sort: 1/2 alphabetical, 3/4 numerical, 5/6 case-insensitive alphabetical (odd asc, even desc). */
export function sortOptions(options: VariableOption[], sort: number | undefined): VariableOption[] {
  if (!sort) return options;
  const out = [...options];
  const num = (s: string) => {
    const m = /-?\d+(\.\d+)?/.exec(s);
    return m ? parseFloat(m[0]) : -Infinity;
  };
  const kind = Math.ceil(sort / 2);
  out.sort((a, b) => kind === 2 ? num(a.text) - num(b.text)
    : kind === 3 ? a.text.toLowerCase().localeCompare(b.text.toLowerCase()) : a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
  if (sort % 2 === 0) out.reverse();
  return out;
}

/** The metric{labels} value text query_result variables match against (Grafana's format). */
function queryResultText(metric: Record<string, string>, value: string, timeMs: number): string {
  const name = metric.__name__ ?? "";
  const labels = Object.entries(metric).filter(([k]) => k !== "__name__").map(([k, v]) => `${k}="${v}"`).join(",");
  return `${name}{${labels}} ${value} ${timeMs}`;
}

export interface VariableState {
  model: VariableModel;
  options: VariableOption[];
  /** Selected values; [allMarker] for "All". */
  selected: string[];
  /** Why the options could not be read (shown on the variable), or null. */
  error: string | null;
}

export function isMulti(v: VariableModel): boolean {
  return v.multi === true;
}

/** The interpolation value of a resolved variable. */
export function toValue(s: VariableState): VariableValue {
  const isAll = s.selected.length === 1 && s.selected[0] === allMarker && s.model.includeAll === true;
  const texts = s.selected.map(v => s.options.find(o => o.value === v)?.text ?? v);
  return {
    values: isAll ? s.options.map(o => o.value) : s.selected,
    texts: isAll ? ["All"] : texts,
    isAll,
    allValue: s.model.allValue ?? null,
    options: s.options.map(o => o.value),
    multiOrAll: s.model.multi === true || s.model.includeAll === true,
  };
}

export function scopeOf(states: readonly VariableState[]): Map<string, VariableValue> {
  const m = new Map<string, VariableValue>();
  for (const s of states) m.set(s.model.name, toValue(s));
  return m;
}

/** Order in which variables must be resolved: each after those its query refers to (declaration order otherwise). */
export function resolutionOrder(models: readonly VariableModel[]): VariableModel[] {
  const byName = new Map(models.map(m => [m.name, m]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: VariableModel[] = [];
  const visit = (m: VariableModel) => {
    if (done.has(m.name) || visiting.has(m.name)) return;   // a cycle resolves in declaration order
    visiting.add(m.name);
    for (const dep of referencedNames(queryText(m) + " " + (m.regex ?? ""))) {
      const d = byName.get(dep);
      if (d && d !== m) visit(d);
    }
    visiting.delete(m.name);
    done.add(m.name);
    out.push(m);
  };
  models.forEach(visit);
  return out;
}

/** The options of one variable given the variables it depends on. */
export async function loadOptions(model: VariableModel, scope: Scope, source: VariableSource, startMs: number, endMs: number,
                                  builtIns: Readonly<Record<string, string>>): Promise<VariableOption[]> {
  const q = interpolate(queryText(model), scope, builtIns);
  switch (model.type) {
    case "custom":
      return customOptions(q);
    case "constant":
    case "textbox":
      return [{ text: q, value: q }];
    case "datasource":
      return [{ text: "Argus", value: "argus" }];
    case "interval": {
      const opts = customOptions(q);
      if (model.auto) opts.unshift({ text: "auto", value: "$__auto_interval_" + model.name });
      return opts;
    }
    case "query": {
      const parsed = parseVariableQuery(q);
      let values: string[];
      switch (parsed.kind) {
        case "label_names":
          values = await source.labelNames(parsed.match, startMs, endMs);
          break;
        case "label_values":
          values = await source.labelValues(parsed.label, parsed.match, startMs, endMs);
          break;
        case "metrics": {
          const re = new RegExp(parsed.regex);
          values = (await source.labelValues("__name__", null, startMs, endMs)).filter(v => re.test(v));
          break;
        }
        case "query_result":
          values = (await source.query(parsed.expr, endMs)).map(r => queryResultText(r.metric, r.value, endMs));
          break;
      }
      return sortOptions(applyRegex(values, model.regex), model.sort);
    }
    default:
      return [];
  }
}

/** The interval variable's "auto" value: range / auto_count rounded, at least auto_min (Grafana's defaults 30 and 10s). */
export function autoInterval(model: VariableModel, startMs: number, endMs: number): string {
  const count = model.auto_count ?? 30;
  const min = parseDuration(model.auto_min ?? "10s") ?? 10_000;
  return formatInterval(Math.max(roundInterval((endMs - startMs) / count), min));
}

/** Picks the selection: the URL's var-<name> values, else the saved current one, else All or the first option. */
export function chooseSelection(model: VariableModel, options: VariableOption[], fromUrl: string[]): string[] {
  const valid = (v: string) => v === allMarker ? model.includeAll === true : options.some(o => o.value === v || o.text === v);
  const normalize = (v: string) => v === allMarker ? v : options.find(o => o.value === v)?.value ?? options.find(o => o.text === v)?.value ?? v;
  const pick = (values: string[]) => {
    const ok = values.filter(valid).map(normalize);
    if (ok.length === 0) return null;
    return model.multi ? ok : [ok[0]];
  };
  if (fromUrl.length > 0) {
    // A URL value outside the options (e.g. a pod not yet seen) is still honoured for textbox and constant variables.
    if (model.type === "textbox") return [fromUrl[0]];
    const p = pick(fromUrl.map(v => v === "All" ? allMarker : v));
    if (p) return p;
  }
  const cur = model.current?.value;
  const saved = cur === undefined ? [] : Array.isArray(cur) ? cur : [cur];
  const p = pick(saved);
  if (p) return p;
  if (model.includeAll) return [allMarker];
  return options.length > 0 ? [options[0].value] : [];
}

/**
 * Resolves every variable in dependency order. A variable whose query fails keeps no options and records the error;
 * the others still resolve. <paramref name="url"/> gives var-<name> selections.
 */
export async function resolveVariables(models: readonly VariableModel[], url: URLSearchParams, source: VariableSource,
                                       startMs: number, endMs: number, builtIns: Readonly<Record<string, string>>,
                                       previous?: ReadonlyMap<string, string[]>): Promise<VariableState[]> {
  const states = new Map<string, VariableState>();
  for (const model of resolutionOrder(models)) {
    const scope = scopeOf([...states.values()]);
    let options: VariableOption[] = [];
    let error: string | null = null;
    try {
      options = await loadOptions(model, scope, source, startMs, endMs, builtIns);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const wanted = previous?.get(model.name) ?? url.getAll("var-" + model.name);
    let selected = chooseSelection(model, options, wanted);
    if (model.type === "interval" && selected[0]?.startsWith("$__auto_interval")) {
      const auto = autoInterval(model, startMs, endMs);
      options = options.map(o => o.value.startsWith("$__auto_interval") ? { text: "auto", value: auto } : o);
      selected = [auto];
    }
    states.set(model.name, { model, options, selected, error });
  }
  return models.map(m => states.get(m.name)!);
}
