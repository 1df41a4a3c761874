// /status: runtime information, build information and the command-line flags in effect.

import { apiData } from "../shell/api";
import { h, replace } from "../shell/dom";
import { registerPage } from "../shell/router";

function kv(title: string, testId: string, entries: [string, unknown][]): HTMLElement {
  return h("section", { class: "panel" }, h("h3", null, title), h("dl", { class: "kv", "data-testid": testId },
    entries.map(([k, v]) => [h("dt", null, k), h("dd", { class: "mono" }, String(v))])));
}

registerPage({
  path: "/status",
  title: "Status",
  nav: { label: "Status", order: 70 },
  async render(root, ctx) {
    const [runtime, build, flags] = await Promise.all([
      apiData<Record<string, unknown>>("/api/v1/status/runtimeinfo", ctx.signal),
      apiData<Record<string, unknown>>("/api/v1/status/buildinfo", ctx.signal),
      apiData<Record<string, string>>("/api/v1/status/flags", ctx.signal),
    ]);
    if (ctx.signal.aborted) return;
    const filter = h("input", { class: "input", type: "search", placeholder: "Filter flags" });
    const flagList = h("div");
    const drawFlags = () => {
      const q = filter.value.trim().toLowerCase();
      replace(flagList, kv("Command-line flags", "flags", Object.entries(flags).filter(([k, v]) => !q || k.includes(q) || v.toLowerCase().includes(q))));
    };
    filter.addEventListener("input", drawFlags);
    drawFlags();
    replace(root,
      kv("Runtime information", "runtime-info", Object.entries(runtime)),
      kv("Build information", "build-info", Object.entries(build)),
      h("div", { class: "toolbar" }, filter),
      flagList);
  },
});
