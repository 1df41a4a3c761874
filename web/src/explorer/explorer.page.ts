// /graph: the expression explorer, one or more panels, reading and writing Prometheus's URL form (see graphUrl.ts).
// The panels and their CodeMirror editor (three quarters of the UI's code) load on the first visit to /graph, in a chunk
// of their own, so the home page's dashboard does not download and parse them.

import { h, replace } from "../shell/dom";
import { registerPage } from "../shell/router";
import { timeState, writeTimeQuery } from "../shell/timeRange";
import type { ExplorerPanel } from "./explorerPanel";
import { emptyPanel, parsePanels, rangeFromPanels, writePanels } from "./graphUrl";

registerPage({
  path: "/graph",
  title: "Explorer",
  nav: { label: "Explorer", order: 10 },
  timePicker: true,
  async render(root, ctx) {
    replace(root, h("p", { class: "muted" }, "Loading…"));
    const { ExplorerPanel } = await import("./explorerPanel");
    if (ctx.signal.aborted) return;
    const states = parsePanels(ctx.query);
    const linkRange = rangeFromPanels(ctx.query, states);
    if (linkRange) timeState.set(linkRange, timeState.refresh);
    const panels: ExplorerPanel[] = [];
    const list = h("div", { class: "panels" });

    const syncUrl = () => {
      const q = new URLSearchParams();
      const r = timeState.resolve();
      writePanels(q, panels.map(p => p.state), { ...r, relative: timeState.range.to === "now" });
      writeTimeQuery(q, timeState.range, timeState.refresh);
      ctx.setQuery(q);
    };
    const add = (state = emptyPanel()) => {
      const panel: ExplorerPanel = new ExplorerPanel(state, syncUrl, () => {
        const i = panels.indexOf(panel);
        if (i >= 0) panels.splice(i, 1);
        panel.destroy();
        panel.element.remove();
        renderRemoveButtons();
        syncUrl();
      });
      panels.push(panel);
      list.appendChild(panel.element);
      return panel;
    };
    const renderRemoveButtons = () => {
      for (const p of panels) {
        const remove = p.element.querySelector<HTMLButtonElement>("button[title='Remove panel']");
        if (remove) remove.hidden = panels.length === 1;
      }
    };
    const copy = h("button", {
      class: "btn", type: "button", "data-testid": "copy-link",
      onclick: async () => {
        syncUrl();
        try {
          await navigator.clipboard.writeText(location.href);
          copy.textContent = "Link copied";
        } catch {
          copy.textContent = "Copy the address bar";
        }
        setTimeout(() => (copy.textContent = "Copy link"), 2000);
      },
    }, "Copy link");
    replace(root, list, h("div", { class: "toolbar" },
      h("button", { class: "btn", type: "button", "data-testid": "add-panel", onclick: () => { add(); renderRemoveButtons(); syncUrl(); } }, "Add panel"),
      copy));
    for (const s of states) add(s);
    renderRemoveButtons();
    ctx.onTimeChange(() => {
      syncUrl();
      for (const p of panels) p.refresh();
    });
    for (const p of panels) p.refresh();
    return () => {
      for (const p of panels) p.destroy();
    };
  },
});
