// The header's time-range picker and refresh-interval select, bound to the shared TimeState.

import { h, replace } from "./dom";
import { describeRange, quickRanges, refreshChoices, resolveTime, TimeState } from "./timeRange";

/** A picker bound to state: quick ranges, free from/to fields (now-6h, epoch ms or RFC 3339), refresh interval. */
export function createTimePicker(state: TimeState): HTMLElement {
  const button = h("button", { class: "btn time-button", type: "button", "data-testid": "time-range" });
  const fromInput = h("input", { class: "input", name: "from", size: 16, "aria-label": "From" });
  const toInput = h("input", { class: "input", name: "to", size: 16, "aria-label": "To" });
  const error = h("div", { class: "error-text" });
  const panel = h("div", { class: "time-panel", hidden: true });
  const refresh = h("select", { class: "input", "aria-label": "Refresh interval", "data-testid": "refresh" },
    refreshChoices.map(r => h("option", { value: r }, r === "" ? "Off" : r)));

  const sync = () => {
    button.textContent = "🕑 " + describeRange(state.range);
    fromInput.value = state.range.from;
    toInput.value = state.range.to;
    refresh.value = state.refresh;
  };
  const apply = (e: Event) => {
    e.preventDefault();
    const now = Date.now();
    const from = fromInput.value.trim();
    const to = toInput.value.trim();
    const start = resolveTime(from, now);
    const end = resolveTime(to, now);
    if (start === null || end === null || start >= end) {
      error.textContent = start === null ? `"${from}" is not a time` : end === null ? `"${to}" is not a time` : "from must be before to";
      return;
    }
    error.textContent = "";
    panel.hidden = true;
    state.set({ from, to });
  };
  replace(panel,
    h("form", { class: "time-form", onsubmit: apply },
      h("label", null, "From ", fromInput),
      h("label", null, "To ", toInput),
      h("button", { class: "btn primary", type: "submit" }, "Apply"),
      error),
    h("div", { class: "quick-ranges" }, quickRanges.map(q => h("button", {
      class: "link-button", type: "button",
      onclick: () => {
        panel.hidden = true;
        state.set({ from: q.from, to: "now" });
      },
    }, q.label))));
  button.addEventListener("click", () => {
    panel.hidden = !panel.hidden;
  });
  refresh.addEventListener("change", () => state.setRefresh(refresh.value));
  state.subscribe(sync);
  sync();
  return h("div", { class: "time-picker" }, button, refresh, panel);
}
