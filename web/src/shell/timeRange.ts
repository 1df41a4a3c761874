// The shared time range and refresh interval (explorer and dashboards), kept in the URL as Grafana does:
// ?from=now-6h&to=now&refresh=30s, or absolute epoch milliseconds (from=1700000000000).

export interface TimeRange {
  /** "now-6h", "now-1d/d", "now", epoch ms ("1700000000000") or an RFC 3339 time. */
  from: string;
  to: string;
}

export interface ResolvedRange {
  startMs: number;
  endMs: number;
}

export const defaultTimeRange: TimeRange = { from: "now-1h", to: "now" };

/** Quick choices shown in the picker. */
export const quickRanges: readonly { label: string; from: string }[] = [
  { label: "Last 5 minutes", from: "now-5m" },
  { label: "Last 15 minutes", from: "now-15m" },
  { label: "Last 30 minutes", from: "now-30m" },
  { label: "Last 1 hour", from: "now-1h" },
  { label: "Last 3 hours", from: "now-3h" },
  { label: "Last 6 hours", from: "now-6h" },
  { label: "Last 12 hours", from: "now-12h" },
  { label: "Last 24 hours", from: "now-24h" },
  { label: "Last 2 days", from: "now-2d" },
  { label: "Last 7 days", from: "now-7d" },
];

export const refreshChoices: readonly string[] = ["", "5s", "10s", "30s", "1m", "5m", "15m", "1h"];

const unitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

/** A Prometheus duration ("1h30m", "90s", "2d") in milliseconds, or null when it is not one. */
export function parseDuration(text: string): number | null {
  const s = text.trim();
  if (s === "") return null;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/gy;
  let total = 0;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    total += parseFloat(m[1]!) * unitMs[m[2]!]!;
    consumed = re.lastIndex;
  }
  return consumed === s.length && consumed > 0 ? total : null;
}

/** Milliseconds as the shortest Prometheus duration: 5400000 → "1h30m". */
export function formatPromDuration(ms: number): string {
  if (ms <= 0) return "0s";
  let rest = Math.round(ms);
  let out = "";
  for (const u of ["w", "d", "h", "m", "s", "ms"] as const) {
    const size = unitMs[u]!;
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${u}`;
      rest %= size;
    }
  }
  return out;
}

function startOf(t: number, unit: string): number {
  const d = new Date(t);
  switch (unit) {
    case "m": d.setSeconds(0, 0); break;
    case "h": d.setMinutes(0, 0, 0); break;
    case "d": d.setHours(0, 0, 0, 0); break;
    case "w": d.setHours(0, 0, 0, 0); d.setDate(d.getDate() - d.getDay()); break;
    case "M": d.setHours(0, 0, 0, 0); d.setDate(1); break;
    case "y": d.setHours(0, 0, 0, 0); d.setMonth(0, 1); break;
    default: break;
  }
  return d.getTime();
}

/** One end of a range in epoch ms: "now", "now-6h", "now-1d/d" (rounded down to the day), epoch ms or RFC 3339. */
export function resolveTime(text: string, now: number): number | null {
  const s = text.trim();
  if (/^\d{10,}$/.test(s)) return parseInt(s, 10);
  if (s.startsWith("now")) {
    const m = /^now(?:([+-])(\d+)(ms|s|m|h|d|w|y))?(?:\/([smhdwMy]))?$/.exec(s);
    if (!m) return null;
    let t = now;
    if (m[1]) t += (m[1] === "-" ? -1 : 1) * parseInt(m[2]!, 10) * unitMs[m[3]!]!;
    if (m[4]) t = startOf(t, m[4]);
    return t;
  }
  const parsed = Date.parse(s);
  return Number.isFinite(parsed) ? parsed : null;
}

/** Both ends in epoch ms; invalid or reversed ranges fall back to the last hour. */
export function resolveRange(range: TimeRange, now = Date.now()): ResolvedRange {
  const start = resolveTime(range.from, now);
  const end = resolveTime(range.to, now);
  if (start === null || end === null || start >= end) return { startMs: now - 3_600_000, endMs: now };
  return { startMs: start, endMs: end };
}

/** A range step giving about `points` points (at least 1s, rounded to whole seconds), as Grafana and Prometheus's UI do. */
export function autoStepMs(r: ResolvedRange, points = 250): number {
  return Math.max(1000, Math.ceil((r.endMs - r.startMs) / points / 1000) * 1000);
}

/** How the picker's button reads: "Last 6 hours", "now-2d to now-1d" or local times. */
export function describeRange(range: TimeRange): string {
  if (range.to === "now") {
    const quick = quickRanges.find(q => q.from === range.from);
    if (quick) return quick.label;
  }
  const show = (s: string) => (/^\d{10,}$/.test(s) ? new Date(parseInt(s, 10)).toLocaleString() : s);
  return `${show(range.from)} to ${show(range.to)}`;
}

export function timeRangeFromQuery(q: URLSearchParams): TimeRange {
  return { from: q.get("from") ?? defaultTimeRange.from, to: q.get("to") ?? defaultTimeRange.to };
}

/** Writes from/to/refresh into a query string, leaving the defaults out so plain URLs stay short. */
export function writeTimeQuery(q: URLSearchParams, range: TimeRange, refresh: string): void {
  if (range.from === defaultTimeRange.from && range.to === defaultTimeRange.to) {
    q.delete("from");
    q.delete("to");
  } else {
    q.set("from", range.from);
    q.set("to", range.to);
  }
  if (refresh) q.set("refresh", refresh);
  else q.delete("refresh");
}

type Listener = () => void;

/** The one shared state: pages read it and subscribe; the picker and the URL write it. */
export class TimeState {
  private _range: TimeRange = defaultTimeRange;
  private _refresh = "";
  private _timer: ReturnType<typeof setInterval> | null = null;
  private readonly _listeners = new Set<Listener>();

  get range(): TimeRange {
    return this._range;
  }

  get refresh(): string {
    return this._refresh;
  }

  /** Both ends resolved now. */
  resolve(now = Date.now()): ResolvedRange {
    return resolveRange(this._range, now);
  }

  /** Takes from/to/refresh from a URL query without notifying (used when a page opens). */
  load(q: URLSearchParams): void {
    this._range = timeRangeFromQuery(q);
    this.setRefreshTimer(q.get("refresh") ?? "");
  }

  set(range: TimeRange, refresh = this._refresh): void {
    this._range = range;
    this.setRefreshTimer(refresh);
    this.syncUrl();
    this.emit();
  }

  setRefresh(refresh: string): void {
    this.set(this._range, refresh);
  }

  subscribe(listener: Listener): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  private emit(): void {
    for (const l of [...this._listeners]) l();
  }

  private syncUrl(): void {
    const q = new URLSearchParams(location.search);
    writeTimeQuery(q, this._range, this._refresh);
    const search = q.toString();
    history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
  }

  private setRefreshTimer(refresh: string): void {
    const ms = parseDuration(refresh);
    this._refresh = ms !== null && ms >= 1000 ? refresh : "";
    if (this._timer !== null) clearInterval(this._timer);
    this._timer = this._refresh ? setInterval(() => this.emit(), ms!) : null;
  }
}

/** The application's single instance. */
export const timeState = new TimeState();
