// /config: the configuration in effect, as /api/v1/status/config gives it (secrets already shown as <secret> by the server).

import { apiData } from "../shell/api";
import { h, replace } from "../shell/dom";
import { registerPage } from "../shell/router";

registerPage({
  path: "/config",
  title: "Configuration",
  nav: { label: "Config", order: 50 },
  async render(root, ctx) {
    const data = await apiData<{ yaml: string }>("/api/v1/status/config", ctx.signal);
    if (ctx.signal.aborted) return;
    const copy = h("button", {
      class: "btn", type: "button",
      onclick: async () => {
        try {
          await navigator.clipboard.writeText(data.yaml);
          copy.textContent = "Copied";
        } catch {
          copy.textContent = "Select the text to copy";
        }
      },
    }, "Copy");
    replace(root, h("div", { class: "toolbar" }, copy), h("pre", { class: "panel", "data-testid": "config-yaml" }, data.yaml));
  },
});
