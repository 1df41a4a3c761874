// Grafana's value mappings (fieldConfig.defaults.mappings): value, range, regex and special (null, NaN, null+NaN, true,
// false, empty) mappings, each with a display text and/or colour, checked in order, the first match winning, as
// @grafana/data's getValueMappingResult does. Old dashboards' forms (schema < 28 "type": 1/2 mappings and singlestat
// valueMaps/rangeMaps) are upgraded as Grafana's migration does.

import type { FieldDefaults, Panel } from "./model";
import { cssColor, fieldColor } from "./thresholds";
import { formatUnit } from "./units";

export interface MappingResult {
  text?: string;
  color?: string;
  index?: number;
}

export type SpecialMatch = "null" | "nan" | "null+nan" | "true" | "false" | "empty";

export type ValueMapping =
  | { type: "value"; options: Record<string, MappingResult> }
  | { type: "range"; options: { from?: number | null; to?: number | null; result: MappingResult } }
  | { type: "regex"; options: { pattern: string; result: MappingResult } }
  | { type: "special"; options: { match: SpecialMatch; result: MappingResult } };

interface OldMapping { type?: number | string; value?: string; text?: string; from?: string; to?: string }

/** The mappings of a field, old forms upgraded; entries Argus cannot read are skipped. */
export function normalizeMappings(raw: readonly unknown[] | undefined): ValueMapping[] {
  const out: ValueMapping[] = [];
  const oldValues: Record<string, MappingResult> = {};
  for (const m of raw ?? []) {
    if (!m || typeof m !== "object") continue;
    const t = (m as { type?: unknown }).type;
    if (t === "value" || t === "range" || t === "regex" || t === "special") {
      const options = (m as { options?: unknown }).options;
      if (options && typeof options === "object") out.push({ type: t, options } as ValueMapping);
      continue;
    }
    const old = m as OldMapping;
    if (t === 1 || t === "1") {
      if (old.value === undefined || old.value === null) continue;
      if (old.value === "null") out.push({ type: "special", options: { match: "null", result: { text: old.text } } });
      else oldValues[String(old.value)] = { text: old.text };
    } else if (t === 2 || t === "2") {
      out.push({ type: "range", options: { from: numberOrNull(old.from), to: numberOrNull(old.to), result: { text: old.text } } });
    }
  }
  if (Object.keys(oldValues).length > 0) out.unshift({ type: "value", options: oldValues });
  return out;
}

function numberOrNull(v: unknown): number | null {
  if (v === null || v === undefined || v === "") return null;
  const n = typeof v === "number" ? v : parseFloat(String(v));
  return Number.isNaN(n) ? null : n;
}

/** A singlestat's valueMaps/rangeMaps (mappingType 1 or 2), in the old mapping form normalizeMappings reads. */
export function legacyPanelMappings(p: Panel): unknown[] | undefined {
  const legacy = p as Panel & { mappingType?: number; valueMaps?: OldMapping[]; rangeMaps?: OldMapping[] };
  let type = legacy.mappingType;
  if (!type) type = legacy.valueMaps?.length ? 1 : legacy.rangeMaps?.length ? 2 : undefined;
  if (type === 1 && legacy.valueMaps?.length) return legacy.valueMaps.map(m => ({ ...m, type: 1 }));
  if (type === 2 && legacy.rangeMaps?.length) return legacy.rangeMaps.map(m => ({ ...m, type: 2 }));
  return undefined;
}

/** Grafana's stringToJsRegex: "/pattern/flags" or a bare pattern; null when it does not compile. */
function toRegex(pattern: string): RegExp | null {
  try {
    if (pattern.startsWith("/")) {
      const end = pattern.lastIndexOf("/");
      if (end > 0) return new RegExp(pattern.slice(1, end), pattern.slice(end + 1));
    }
    return new RegExp(`^${pattern}$`);
  } catch {
    return null;
  }
}

/** The first mapping matching a value (a number from a query, a label's string, or null for no value), or null. */
export function mapValue(mappings: readonly ValueMapping[], value: number | string | boolean | null | undefined): MappingResult | null {
  for (const vm of mappings) {
    switch (vm.type) {
      case "value": {
        if (value === null || value === undefined) continue;
        const r = vm.options[String(value)];
        if (r) return r;
        break;
      }
      case "range": {
        if (value === null || value === undefined) continue;
        const n = typeof value === "number" ? value : parseFloat(String(value));
        if (Number.isNaN(n)) continue;
        const from = numberOrNull(vm.options.from);
        const to = numberOrNull(vm.options.to);
        if (from !== null && n < from) continue;
        if (to !== null && n > to) continue;
        return vm.options.result;
      }
      case "regex": {
        if (typeof value !== "string") continue;
        const re = toRegex(vm.options.pattern);
        if (!re || !value.match(re)) continue;
        const r = { ...vm.options.result };
        if (r.text !== undefined && r.text !== null) r.text = value.replace(re, r.text);
        return r;
      }
      case "special": {
        const isNaNValue = typeof value === "number" && Number.isNaN(value);
        const isNull = value === null || value === undefined;
        switch (vm.options.match) {
          case "null": if (isNull) return vm.options.result; break;
          case "nan": if (isNaNValue) return vm.options.result; break;
          case "null+nan": if (isNull || isNaNValue) return vm.options.result; break;
          case "true": if (value === true || value === "true" || value === 1) return vm.options.result; break;
          case "false": if (value === false || value === "false" || value === 0) return vm.options.result; break;
          case "empty": if (value === "") return vm.options.result; break;
        }
        break;
      }
    }
  }
  return null;
}

/** What a stat, gauge, bar or table cell shows: text, colour (CSS), and whether a mapping decided them. */
export interface DisplayValue {
  text: string;
  color: string;
  mapped: boolean;
}

/** A number's display (unit, decimals, thresholds), with a matching mapping's text and colour taking precedence. */
export function displayNumber(v: number | null, d: FieldDefaults, mappings: readonly ValueMapping[] = normalizeMappings(d.mappings)): DisplayValue {
  const m = mappings.length > 0 ? mapValue(mappings, v) : null;
  const text = m?.text !== undefined && m.text !== null && m.text !== "" ? m.text : formatUnit(v, d.unit, d.decimals);
  const color = m?.color ? cssColor(m.color) : fieldColor(v, d);
  return { text, color, mapped: m !== null };
}

/** A label's (string) display: a matching mapping's text and colour, else the string itself with no colour. */
export function displayString(v: string | null, mappings: readonly ValueMapping[]): DisplayValue | null {
  const m = mappings.length > 0 ? mapValue(mappings, v) : null;
  if (!m) return null;
  return { text: m.text !== undefined && m.text !== null && m.text !== "" ? m.text : v ?? "", color: m.color ? cssColor(m.color) : "", mapped: true };
}
