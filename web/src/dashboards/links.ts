// Grafana's links: panel links (panel.links), data links (fieldConfig.defaults.links) and dashboard links
// (dashboard.links: "link" and "dashboards" by tag). Data links know the clicked value: ${__field.labels.x},
// ${__field.name}, ${__series.name}, ${__value.raw|numeric|text|time}, ${__data.fields.x}; every link knows the time range
// (${__url_time_range}, ${__from}, ${__to}) and the dashboard's variables (${__all_variables}, $var...).

import { interpolate, Scope } from "./interpolate";

export interface LinkModel {
  title?: string;
  url?: string;
  targetBlank?: boolean;
  tooltip?: string;
  /** Dashboard links: copy the variables' current values into the URL as var-<name>. */
  includeVars?: boolean;
  /** Dashboard links: copy the time range into the URL as from/to. */
  keepTime?: boolean;
}

/** What a data link may refer to; everything is optional but the time range. */
export interface LinkContext {
  startMs: number;
  endMs: number;
  scope?: Scope;
  labels?: Readonly<Record<string, string>>;
  fieldName?: string;
  seriesName?: string;
  valueRaw?: number | string | null;
  valueText?: string;
  valueTimeMs?: number;
  /** A table row's cells by column name (${__data.fields.name} / ${__data.fields["name"]}). */
  row?: Readonly<Record<string, string | number | null>>;
}

const builtInPattern = /\$\{(__[a-zA-Z_]+(?:\.[^}:]+)?)(?::([^}]+))?\}|\$(__from|__to|__url_time_range|__all_variables)\b/g;

function text(v: unknown): string {
  return v === null || v === undefined ? "" : String(v);
}

function applyFormat(value: string, format: string | undefined): string {
  if (format === "percentencode" || format === "queryparam") return encodeURIComponent(value);
  return value;
}

/** var-a=x&var-b=y for every variable but constants and data sources, as Grafana's ${__all_variables}. */
export function allVariablesQuery(scope: Scope | undefined): string {
  if (!scope) return "";
  const parts: string[] = [];
  for (const [name, v] of scope) {
    if (name.startsWith("__")) continue;
    const values = v.isAll ? ["$__all"] : v.values;
    for (const value of values) parts.push(`var-${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }
  return parts.join("&");
}

function builtIn(name: string, ctx: LinkContext): string | undefined {
  switch (name) {
    case "__from": return String(Math.round(ctx.startMs));
    case "__to": return String(Math.round(ctx.endMs));
    case "__url_time_range": return `from=${Math.round(ctx.startMs)}&to=${Math.round(ctx.endMs)}`;
    case "__all_variables": return allVariablesQuery(ctx.scope);
    case "__series.name": return ctx.seriesName;
    case "__field.name": return ctx.fieldName;
    case "__field.labels": return ctx.labels ? Object.entries(ctx.labels).filter(([k]) => k !== "__name__").map(([k, v]) => `${k}="${v}"`).join(", ") : undefined;
    case "__value.raw": return ctx.valueRaw === undefined ? undefined : text(ctx.valueRaw);
    case "__value.numeric": return typeof ctx.valueRaw === "number" ? String(ctx.valueRaw) : ctx.valueRaw === undefined ? undefined : String(parseFloat(text(ctx.valueRaw)));
    case "__value.text": return ctx.valueText ?? (ctx.valueRaw === undefined ? undefined : text(ctx.valueRaw));
    case "__value.time": return ctx.valueTimeMs === undefined ? undefined : String(Math.round(ctx.valueTimeMs));
  }
  if (name.startsWith("__field.labels.")) return ctx.labels?.[name.slice("__field.labels.".length)];
  if (name.startsWith("__data.fields")) {
    const m = /^__data\.fields(?:\.(.+)|\[["']?(.+?)["']?\])$/.exec(name);
    const field = m ? m[1] ?? m[2] : undefined;
    if (field !== undefined && ctx.row && field in ctx.row) return text(ctx.row[field]);
    if (field !== undefined && ctx.labels && field in ctx.labels) return ctx.labels[field];
  }
  return undefined;
}

/** A link text (URL or title) with the built-ins of the context, then the dashboard variables, substituted. */
export function interpolateLink(template: string, ctx: LinkContext): string {
  const withBuiltIns = template.replace(builtInPattern, (match, braced?: string, format?: string, plain?: string) => {
    const v = builtIn(braced ?? plain ?? "", ctx);
    return v === undefined ? match : applyFormat(v, format);
  });
  return ctx.scope ? interpolate(withBuiltIns, ctx.scope, { __from: String(Math.round(ctx.startMs)), __to: String(Math.round(ctx.endMs)) }) : withBuiltIns;
}

/**
 * Only http(s), mailto and same-site paths are followed: a dashboard file must not be able to run script through a link
 * (Grafana's textUtil.sanitizeUrl does the same).
 */
export function sanitizeUrl(url: string): string {
  const u = url.trim();
  if (u === "") return "#";
  if (/^(https?:|mailto:)/i.test(u)) return u;
  if (/^[a-z][a-z0-9+.-]*:/i.test(u) || u.startsWith("//")) return "about:blank";
  return u;
}

/** Appends query parameters to a URL, keeping its fragment last. */
export function appendQuery(url: string, query: string): string {
  if (!query) return url;
  const hash = url.indexOf("#");
  const base = hash >= 0 ? url.slice(0, hash) : url;
  const fragment = hash >= 0 ? url.slice(hash) : "";
  return base + (base.includes("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?") + query + fragment;
}

export interface ResolvedLink {
  title: string;
  href: string;
  targetBlank: boolean;
  tooltip?: string;
}

/** One link made ready for an anchor: interpolated, sanitized, time range and variables added when asked. */
export function resolveLink(link: LinkModel, ctx: LinkContext, urlOverride?: string): ResolvedLink {
  let href = interpolateLink(urlOverride ?? link.url ?? "", ctx);
  if (link.keepTime) href = appendQuery(href, `from=${Math.round(ctx.startMs)}&to=${Math.round(ctx.endMs)}`);
  if (link.includeVars) href = appendQuery(href, allVariablesQuery(ctx.scope));
  return {
    title: interpolateLink(link.title ?? "", ctx) || href,
    href: sanitizeUrl(href),
    targetBlank: link.targetBlank === true,
    tooltip: link.tooltip ? interpolateLink(link.tooltip, ctx) : undefined,
  };
}

/** Grafana's dashboard link of type "dashboards": every dashboard carrying all the tags, the current one left out. */
export function dashboardsByTags<T extends { uid: string; tags: string[]; error?: string }>(list: readonly T[], tags: readonly string[] | undefined,
                                                                                          currentUid: string): T[] {
  const wanted = tags ?? [];
  return list.filter(d => !d.error && d.uid !== currentUid && wanted.every(t => d.tags.includes(t)));
}
