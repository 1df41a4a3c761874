// Small DOM builders: the UI is plain TypeScript over the DOM, no framework.

export type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** Creates an element: h("a", { href: "/x", class: "y", onclick: fn }, "text", child). Attributes set to null/false are omitted. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
      else if (k === "value" && "value" in el) (el as HTMLInputElement).value = String(v);
      else if (k === "checked" && "checked" in el) (el as HTMLInputElement).checked = Boolean(v);
      else el.setAttribute(k, v === true ? "" : String(v));
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces all children of an element. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A labels set rendered as Prometheus writes it: {a="b", c="d"}. */
export function formatLabels(labels: Record<string, string>, skipName = false): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(labels)) {
    if (skipName && k === "__name__") continue;
    parts.push(`${k}=${JSON.stringify(v)}`);
  }
  return `{${parts.join(", ")}}`;
}

/** A series name as the Prometheus UI shows it: metric{labels}. */
export function seriesName(labels: Record<string, string>): string {
  const name = labels["__name__"] ?? "";
  const rest = formatLabels(labels, true);
  return rest === "{}" ? (name || "{}") : name + rest;
}

/** "3m 12s ago"-style age of an RFC 3339 time or epoch ms, for tables. */
export function formatAge(time: string | number, now = Date.now()): string {
  const t = typeof time === "number" ? time : Date.parse(time);
  if (!Number.isFinite(t) || t <= 0) return "never";
  return formatDuration(Math.max(0, now - t)) + " ago";
}

/** 90061000 → "1d 1h 1m 1s"; under a second "123ms". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  let s = Math.floor(ms / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [["d", 86400], ["h", 3600], ["m", 60], ["s", 1]] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
  }
  return parts.slice(0, 2).join(" ");
}

/** Badge for a health or state word (up/down/unknown, firing/pending/inactive, active/expired/pending). */
export function badge(state: string): HTMLElement {
  return h("span", { class: `badge badge-${state.toLowerCase()}` }, state);
}

/** The labels as a row of chips. */
export function labelChips(labels: Record<string, string>): HTMLElement {
  return h("span", { class: "chips" }, Object.entries(labels).map(([k, v]) => h("span", { class: "chip" }, `${k}="${v}"`)));
}
