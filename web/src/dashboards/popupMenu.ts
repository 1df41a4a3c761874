// A small floating menu (data links, panel menu, dashboard link dropdowns): one open at a time, closed by Escape, a click
// elsewhere or choosing an item.

import { h } from "../shell/dom";
import type { ResolvedLink } from "./links";

let open: { el: HTMLElement; close: () => void } | null = null;

export function closePopupMenu(): void {
  open?.close();
}

/** Opens a menu of items under (or beside) the anchor element; returns the menu element. */
export function openPopupMenu(anchor: HTMLElement, items: HTMLElement[], testId = "popup-menu"): HTMLElement {
  closePopupMenu();
  const menu = h("div", { class: "dash-menu", role: "menu", "data-testid": testId }, items);
  document.body.append(menu);
  const r = anchor.getBoundingClientRect();
  const left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - menu.offsetWidth - 8);
  menu.style.left = `${Math.max(0, left)}px`;
  menu.style.top = `${window.scrollY + r.bottom + 2}px`;
  const onDown = (e: Event) => {
    if (!menu.contains(e.target as Node) && !anchor.contains(e.target as Node)) close();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape") close();
  };
  const close = () => {
    menu.remove();
    document.removeEventListener("mousedown", onDown, true);
    document.removeEventListener("keydown", onKey, true);
    if (open?.el === menu) open = null;
  };
  document.addEventListener("mousedown", onDown, true);
  document.addEventListener("keydown", onKey, true);
  menu.addEventListener("click", e => {
    if ((e.target as HTMLElement).closest("a, button")) setTimeout(close, 0);
  });
  open = { el: menu, close };
  return menu;
}

/** An anchor for a resolved link (new tab when the link asks, never leaking the opener). */
export function linkAnchor(link: ResolvedLink, testId: string): HTMLAnchorElement {
  return h("a", {
    class: "dash-menu-item", href: link.href, title: link.tooltip ?? null, "data-testid": testId, role: "menuitem",
    target: link.targetBlank ? "_blank" : null, rel: link.targetBlank ? "noopener noreferrer" : null,
  }, link.title);
}
