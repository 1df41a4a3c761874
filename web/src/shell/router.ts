// Client-side routes (history API) and the page-registration contract (see ../README.md).

export interface PageContext {
  /** Values of the ":name" segments of the matched path; "*" holds the rest of the path for a trailing "/*". */
  readonly params: Readonly<Record<string, string>>;
  /** The query string of the URL the page was opened with. */
  readonly query: URLSearchParams;
  /** Aborted when the user leaves the page: pass it to fetches and check it after awaits. */
  readonly signal: AbortSignal;
  /** Goes to another route of the app (pushes a history entry unless replace). */
  navigate(to: string, replace?: boolean): void;
  /** Rewrites the query string of the current URL without re-rendering the page (so links reproduce the view). */
  setQuery(query: URLSearchParams): void;
  /** Called when the shared time range or refresh interval changes and on every refresh tick; removed on leave. */
  onTimeChange(listener: () => void): void;
  /** Sets the document and header title. */
  setTitle(title: string): void;
}

export interface PageDefinition {
  /** "/graph", "/silences/:id", "/d/:uid/*" (trailing /* matches any rest, including none). */
  path: string;
  /** Document title; pages may refine it later with ctx.setTitle. */
  title: string;
  /** Shown in the header's navigation when set; lower order comes first. */
  nav?: { label: string; order: number };
  /** Whether the header shows the shared time-range picker and refresh interval on this page. */
  timePicker?: boolean;
  /** When two pages register the same path, the higher priority wins (the shell's own pages use 0). */
  priority?: number;
  /** Fills root. May return a cleanup function (also: ctx.signal is aborted on leave). */
  render(root: HTMLElement, ctx: PageContext): void | (() => void) | Promise<void | (() => void)>;
}

interface Route {
  def: PageDefinition;
  segments: string[];
  rest: boolean;
  order: number;
}

const routes: Route[] = [];

/** Registers a page. Call at module top level of a src/**\/*.page.ts file, which the build bundles automatically. */
export function registerPage(def: PageDefinition): void {
  let segments = def.path.split("/").filter(s => s !== "");
  const rest = segments.at(-1) === "*";
  if (rest) segments = segments.slice(0, -1);
  routes.push({ def, segments, rest, order: routes.length });
}

export function registeredPages(): readonly PageDefinition[] {
  return routes.map(r => r.def);
}

export interface RouteMatch {
  def: PageDefinition;
  params: Record<string, string>;
}

/** The page for a path: exact segments beat ":params", which beat "/*"; then higher priority; then first registered. */
export function matchRoute(pathname: string): RouteMatch | null {
  const parts = pathname.split("/").filter(s => s !== "").map(s => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  let best: { route: Route; params: Record<string, string>; score: number } | null = null;
  for (const route of routes) {
    if (route.rest ? parts.length < route.segments.length : parts.length !== route.segments.length) continue;
    const params: Record<string, string> = {};
    let score = 0;
    let ok = true;
    for (let i = 0; i < route.segments.length; i++) {
      const seg = route.segments[i]!;
      if (seg.startsWith(":")) {
        params[seg.slice(1)] = parts[i]!;
        score += 1;
      } else if (seg === parts[i]) {
        score += 2;
      } else {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    if (route.rest) params["*"] = parts.slice(route.segments.length).join("/");
    else score += 1;
    score = score * 1000 + (route.def.priority ?? 0);
    if (!best || score > best.score) best = { route, params, score };
  }
  return best ? { def: best.route.def, params: best.params } : null;
}

/**
 * Alertmanager's UI used hash routes (/#/alerts, /#/silences/new?filter=...), which Slack buttons and old bookmarks still
 * carry: the path route for such a URL, or null when the URL has no hash route.
 */
export function hashRouteTarget(hash: string): string | null {
  if (!hash.startsWith("#/")) return null;
  return hash.slice(1);
}
