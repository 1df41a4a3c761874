// Alertmanager matchers as text, the form of /silences/new?filter={a="b",c=~"d"} and of amtool:
// {name="value", name!="value", name=~"regex", name!~"regex"}, values quoted with Go/JSON escapes (or bare words).

import type { AmMatcher } from "./types";

export function matcherOperator(m: AmMatcher): string {
  const equal = m.isEqual ?? true;
  return (m.isRegex ? (equal ? "=~" : "!~") : (equal ? "=" : "!="));
}

export function formatMatcher(m: AmMatcher): string {
  return `${m.name}${matcherOperator(m)}${JSON.stringify(m.value)}`;
}

export function formatMatchers(ms: AmMatcher[]): string {
  return `{${ms.map(formatMatcher).join(", ")}}`;
}

/** Parses {a="b",c=~"d"} (braces optional); throws an Error naming the position on malformed input. */
export function parseMatchers(text: string): AmMatcher[] {
  let s = text.trim();
  if (s.startsWith("{")) {
    if (!s.endsWith("}")) throw new Error(`matchers ${text}: missing closing "}"`);
    s = s.slice(1, -1);
  }
  const out: AmMatcher[] = [];
  let i = 0;
  const skip = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  while (true) {
    skip();
    if (i >= s.length) break;
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i))?.[0];
    if (!name) throw new Error(`matchers ${text}: expected a label name at position ${i}`);
    i += name.length;
    skip();
    const op = /^(=~|!~|!=|=)/.exec(s.slice(i))?.[0];
    if (!op) throw new Error(`matchers ${text}: expected =, !=, =~ or !~ after ${name}`);
    i += op.length;
    skip();
    let value: string;
    if (s[i] === '"') {
      let j = i + 1;
      while (j < s.length && s[j] !== '"') j += s[j] === "\\" ? 2 : 1;
      if (j >= s.length) throw new Error(`matchers ${text}: unterminated quoted value for ${name}`);
      value = JSON.parse(s.slice(i, j + 1)) as string;
      i = j + 1;
    } else {
      const bare = /^[^,}\s]*/.exec(s.slice(i))![0];
      value = bare;
      i += bare.length;
    }
    out.push({ name, value, isRegex: op.includes("~"), isEqual: !op.startsWith("!") });
    skip();
    if (i < s.length) {
      if (s[i] !== ",") throw new Error(`matchers ${text}: expected "," at position ${i}`);
      i++;
    }
  }
  return out;
}

/** Whether a label set matches all matchers (regexes anchored, as Alertmanager's are). */
export function matchesAll(labels: Record<string, string>, ms: AmMatcher[]): boolean {
  return ms.every(m => {
    const v = labels[m.name] ?? "";
    let hit: boolean;
    if (m.isRegex) {
      try {
        hit = new RegExp(`^(?:${m.value})$`).test(v);
      } catch {
        return false;
      }
    } else {
      hit = v === m.value;
    }
    return (m.isEqual ?? true) ? hit : !hit;
  });
}

/** The filter that silences exactly one alert: its labels as equality matchers (alertname first). */
export function filterForLabels(labels: Record<string, string>): string {
  const names = Object.keys(labels).sort((a, b) => (a === "alertname" ? -1 : b === "alertname" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return formatMatchers(names.map(n => ({ name: n, value: labels[n]!, isRegex: false, isEqual: true })));
}
