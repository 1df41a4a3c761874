// The app shell: header (navigation, time picker, theme toggle, user), routing between registered pages.

import { canEdit, currentSession, loadSession } from "./api";
import { h, replace } from "./dom";
import { hashRouteTarget, matchRoute, PageContext, registeredPages } from "./router";
import { applyTheme, toggleTheme, watchSystemTheme } from "./theme";
import { createTimePicker } from "./timePicker";
import { timeState } from "./timeRange";

let current: { abort: AbortController; cleanup?: () => void; unsubscribe: (() => void)[] } | null = null;
let main: HTMLElement;
let titleEl: HTMLElement;
let pickerSlot: HTMLElement;
let nav: HTMLElement;

/** Goes to an app route. Paths under /api/, /-/ and /login are left to the server. */
export function navigate(to: string, replaceEntry = false): void {
  if (/^\/(api\/|-\/|login|logout|metrics)/.test(to)) {
    location.assign(to);
    return;
  }
  if (replaceEntry) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  void render();
}

function leave(): void {
  if (!current) return;
  current.abort.abort();
  for (const u of current.unsubscribe) u();
  current.cleanup?.();
  current = null;
}

async function render(): Promise<void> {
  leave();
  const match = matchRoute(location.pathname);
  const abort = new AbortController();
  const state: NonNullable<typeof current> = { abort, unsubscribe: [] };
  current = state;
  window.scrollTo(0, 0);
  const root = h("div", { class: "page" });
  replace(main, root);
  for (const a of nav.querySelectorAll("a")) {
    const href = a.getAttribute("href") ?? "";
    a.classList.toggle("active", href === "/" ? location.pathname === "/" : location.pathname.startsWith(href));
  }
  if (!match) {
    setTitle("Not found");
    pickerSlot.hidden = true;
    replace(root, h("div", { class: "empty" }, h("h2", null, "Page not found"), h("p", null, `No page at ${location.pathname}. `, h("a", { href: "/" }, "Home"))));
    return;
  }
  timeState.load(new URLSearchParams(location.search));
  pickerSlot.hidden = !match.def.timePicker;
  setTitle(match.def.title);
  const ctx: PageContext = {
    params: match.params,
    query: new URLSearchParams(location.search),
    signal: abort.signal,
    navigate,
    setQuery: q => {
      if (abort.signal.aborted) return;
      const search = q.toString();
      history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
    },
    onTimeChange: listener => {
      if (!abort.signal.aborted) state.unsubscribe.push(timeState.subscribe(listener));
    },
    setTitle: t => {
      if (!abort.signal.aborted) setTitle(t);
    },
  };
  try {
    const cleanup = await match.def.render(root, ctx);
    if (typeof cleanup === "function") {
      if (abort.signal.aborted) cleanup();
      else state.cleanup = cleanup;
    }
  } catch (e) {
    if (abort.signal.aborted) return;
    replace(root, h("div", { class: "alert-box error" }, `Could not show this page: ${e instanceof Error ? e.message : String(e)}`));
  }
}

function setTitle(title: string): void {
  document.title = `${title} - Argus`;
  titleEl.textContent = title;
}

function buildLayout(app: HTMLElement): void {
  const pages = registeredPages().filter(p => p.nav).sort((a, b) => a.nav!.order - b.nav!.order);
  const seen = new Set<string>();
  nav = h("nav", { class: "nav", id: "nav" });
  for (const p of pages) {
    if (seen.has(p.nav!.label)) continue;
    seen.add(p.nav!.label);
    nav.appendChild(h("a", { href: p.path }, p.nav!.label));
  }
  const menu = h("button", { class: "btn menu-button", type: "button", "aria-label": "Menu", onclick: () => nav.classList.toggle("open") }, "☰");
  titleEl = h("span", { class: "page-title" });
  pickerSlot = h("div", { class: "picker-slot" }, createTimePicker(timeState));
  const session = currentSession();
  const user = session.authEnabled && session.user
    ? h("span", { class: "user" }, `${session.user} (${session.role ?? "viewer"}) `, h("a", { href: "/logout" }, "Sign out"))
    : null;
  const header = h("header", { class: "topbar" },
    menu,
    h("a", { class: "brand", href: "/" }, "Argus"),
    nav,
    h("div", { class: "spacer" }),
    pickerSlot,
    h("button", { class: "btn", type: "button", title: "Toggle dark/light theme", "aria-label": "Toggle theme", "data-testid": "theme-toggle", onclick: toggleTheme }, "◐"),
    user);
  main = h("main", { class: "content" });
  replace(app, header, h("div", { class: "title-row" }, titleEl), main);
  if (!canEdit()) document.documentElement.classList.add("viewer");
}

/** Boots the UI: theme, session, legacy hash URLs, layout, first render; then follows links and history. */
export async function start(): Promise<void> {
  applyTheme();
  watchSystemTheme();
  const hashTarget = hashRouteTarget(location.hash);
  if (hashTarget) history.replaceState(null, "", hashTarget);
  try {
    await loadSession();
  } catch {
    // Unreachable session endpoint: behave as without auth; API calls report their own errors.
  }
  const app = document.getElementById("app")!;
  buildLayout(app);
  document.addEventListener("click", e => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest?.("a");
    if (!a || a.target || a.hasAttribute("download")) return;
    const href = a.getAttribute("href");
    if (!href || !href.startsWith("/") || href.startsWith("//")) return;
    if (/^\/(api\/|-\/|login|logout|metrics)/.test(href)) return;
    e.preventDefault();
    nav.classList.remove("open");
    navigate(href);
  });
  window.addEventListener("popstate", () => void render());
  window.addEventListener("hashchange", () => {
    const target = hashRouteTarget(location.hash);
    if (target) navigate(target, true);
  });
  await render();
}
