// /silences: the built-in Alertmanager's silences (active, pending, expired) with edit and expire actions for admins.

import { apiJson, canEdit } from "../shell/api";
import { badge, formatAge, h, replace } from "../shell/dom";
import { registerPage } from "../shell/router";
import { formatMatcher } from "./matchers";
import type { Silence } from "./types";

const order = { active: 0, pending: 1, expired: 2 } as const;

registerPage({
  path: "/silences",
  title: "Silences",
  nav: { label: "Silences", order: 25 },
  async render(root, ctx) {
    const list = h("div", null, h("p", { class: "muted" }, "Loading…"));
    replace(root, h("div", { class: "toolbar" },
      canEdit() ? h("a", { class: "btn primary admin-only", href: "/silences/new", "data-testid": "new-silence" }, "New silence") : null), list);
    const draw = async () => {
      let silences: Silence[];
      try {
        silences = await apiJson<Silence[]>("GET", "/api/v2/silences", undefined, ctx.signal);
      } catch (e) {
        if (!ctx.signal.aborted) replace(list, h("div", { class: "alert-box error" }, `Could not list silences: ${e instanceof Error ? e.message : String(e)}`));
        return;
      }
      if (ctx.signal.aborted) return;
      silences.sort((a, b) => order[a.status.state] - order[b.status.state] || b.endsAt.localeCompare(a.endsAt));
      if (silences.length === 0) {
        replace(list, h("p", { class: "empty" }, "No silences."));
        return;
      }
      replace(list, h("div", { class: "table-wrap" }, h("table", { class: "data responsive", "data-testid": "silences" },
        h("thead", null, h("tr", null, ["State", "Matchers", "Ends", "Created by", "Comment", ""].map(c => h("th", null, c)))),
        h("tbody", null, silences.map(s => h("tr", { "data-silence-id": s.id },
          h("td", { "data-label": "State" }, badge(s.status.state)),
          h("td", { "data-label": "Matchers" }, h("span", { class: "chips" }, s.matchers.map(m => h("span", { class: "chip" }, formatMatcher(m))))),
          h("td", { "data-label": "Ends", title: s.endsAt }, s.status.state === "expired" ? formatAge(s.endsAt) : new Date(s.endsAt).toLocaleString()),
          h("td", { "data-label": "Created by" }, s.createdBy),
          h("td", { "data-label": "Comment" }, s.comment),
          h("td", null, h("span", { class: "toolbar" },
            h("a", { class: "btn small", href: `/silences/${encodeURIComponent(s.id)}` }, canEdit() && s.status.state !== "expired" ? "Edit" : "View"),
            canEdit() && s.status.state !== "expired"
              ? h("button", {
                class: "btn small danger admin-only", type: "button", "data-testid": "expire-silence",
                onclick: async () => {
                  if (!confirm(`Expire silence ${s.id}?`)) return;
                  try {
                    await apiJson<null>("DELETE", `/api/v2/silence/${encodeURIComponent(s.id)}`);
                  } catch (e) {
                    alert(`Could not expire the silence: ${e instanceof Error ? e.message : String(e)}`);
                  }
                  await draw();
                },
              }, "Expire")
              : null))))))));
    };
    await draw();
  },
});
