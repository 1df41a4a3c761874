// Grafana's template interpolation for the Prometheus datasource: $var, ${var}, ${var:format}, [[var]], [[var:format]],
// multi-value and "All", and the built-ins ($__interval, $__rate_interval, $__range, $__from, $__to, ...).

/** A variable's current selection as interpolation sees it. */
export interface VariableValue {
  /** Selected values ("$__all" is not among them: see isAll). */
  values: string[];
  /** Display texts, same order as values. */
  texts: string[];
  /** Whether "All" is selected. */
  isAll: boolean;
  /** The variable's custom all value (Grafana's allValue); null when unset. */
  allValue: string | null;
  /** Every option value, for "All" in formats that list values (csv, pipe, json...). */
  options: string[];
  /** Whether the variable can hold several values (multi or includeAll): such values are regex-escaped in queries. */
  multiOrAll: boolean;
}

export type Scope = ReadonlyMap<string, VariableValue>;

const variablePattern = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:}]+))?(?::([^}]+))?\}/g;

/** Escapes a value for a regex inside a PromQL string literal (Grafana's prometheusSpecialRegexEscape). */
export function promRegexEscape(value: string): string {
  return value.replace(/\\/g, "\\\\\\\\").replace(/[$^*{}[\]'+?.()|]/g, "\\\\$&");
}

/** Escapes a plain value for a PromQL string literal (Grafana's prometheusRegularEscape). */
export function promStringEscape(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/'/g, "\\\\'");
}

function formatList(values: string[], format: string | undefined, name: string, texts: string[]): string {
  switch (format) {
    case "csv":
    case "raw":
      return values.join(",");
    case "pipe":
      return values.join("|");
    case "json":
      return JSON.stringify(values.length === 1 ? values[0] : values);
    case "glob":
      return values.length === 1 ? values[0] : `{${values.join(",")}}`;
    case "queryparam":
      return values.map(v => `var-${encodeURIComponent(name)}=${encodeURIComponent(v)}`).join("&");
    case "text":
      return texts.join(" + ");
    case "doublequote":
      return values.map(v => `"${v.replace(/"/g, '\\"')}"`).join(",");
    case "singlequote":
      return values.map(v => `'${v.replace(/'/g, "\\'")}'`).join(",");
    case "percentencode":
      return encodeURIComponent(values.join(","));
    case "lucene":
      return values.length === 1 ? values[0] : `(${values.map(v => `"${v}"`).join(" OR ")})`;
    case "regex":
      return values.length === 1 ? promRegexEscapeForFormat(values[0]) : `(${values.map(promRegexEscapeForFormat).join("|")})`;
    default:
      // The Prometheus datasource's own rule: one value as is, several as an escaped alternation.
      return values.length === 1 ? values[0] : `(${values.map(promRegexEscape).join("|")})`;
  }
}

// Grafana's ":regex" format escapes for a JavaScript regex, not for a PromQL string literal.
function promRegexEscapeForFormat(value: string): string {
  return value.replace(/[\\^$*+?.()|[\]{}/]/g, "\\$&");
}

/** The text of one variable reference. */
export function formatValue(v: VariableValue, format: string | undefined, name: string): string {
  if (v.isAll) {
    if (v.allValue !== null && v.allValue !== undefined && v.allValue !== "") return v.allValue;
    if (format === undefined || format === "regex") return ".*";
    return formatList(v.options, format, name, v.options);
  }
  if (v.values.length === 0) return "";
  if (format === undefined && v.values.length === 1 && v.multiOrAll) return promRegexEscape(v.values[0]);
  return formatList(v.values, format, name, v.texts);
}

/**
 * Replaces every variable reference Grafana knows. Unknown names stay as written (Grafana leaves them too), so a typo
 * shows up in the query error rather than silently matching everything.
 */
export function interpolate(text: string, scope: Scope, builtIns: Readonly<Record<string, string>> = {}): string {
  if (!text.includes("$") && !text.includes("[[")) return text;
  return text.replace(variablePattern, (match, plain?: string, bracket?: string, bracketFormat?: string, braced?: string, _field?: string, bracedFormat?: string) => {
    const name = plain ?? bracket ?? braced ?? "";
    const format = bracketFormat ?? bracedFormat;
    if (name in builtIns) return builtIns[name];
    const v = scope.get(name);
    if (!v) return match;
    return formatValue(v, format, name);
  });
}

/** Names a text refers to (for chained variables: which variables a query depends on). */
export function referencedNames(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(variablePattern)) out.add(m[1] ?? m[2] ?? m[4]);
  return out;
}
