// /silences/new (optionally ?filter={a="b",c=~"d"} from an alert) and /silences/<id>: create, edit or view a silence, with a
// preview of the alerts it would silence. Editing an active silence posts it with its id: Alertmanager then updates it in
// place or expires it and creates a replacement, as its own UI does.

import { apiData, apiJson, canEdit, currentSession } from "../shell/api";
import { badge, h, labelChips, replace } from "../shell/dom";
import { registerPage } from "../shell/router";
import { formatPromDuration, parseDuration } from "../shell/timeRange";
import { formatMatchers, matchesAll, parseMatchers } from "./matchers";
import type { Alert, AmMatcher, Silence } from "./types";

function localInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

registerPage({
  path: "/silences/:id",
  title: "Silence",
  async render(root, ctx) {
    const isNew = ctx.params["id"] === "new";
    let existing: Silence | null = null;
    if (!isNew) {
      existing = await apiJson<Silence>("GET", `/api/v2/silence/${encodeURIComponent(ctx.params["id"]!)}`, undefined, ctx.signal);
      if (ctx.signal.aborted) return;
    }
    ctx.setTitle(isNew ? "New silence" : `Silence ${existing!.id}`);
    const editable = canEdit() && (isNew || existing!.status.state !== "expired");
    const now = Date.now();
    const startsMs = existing ? Math.max(Date.parse(existing.startsAt), isNew ? now : Date.parse(existing.startsAt)) : now;
    const endsMs = existing ? Date.parse(existing.endsAt) : now + 2 * 3_600_000;

    const matchersText = existing ? formatMatchers(existing.matchers) : (ctx.query.get("filter") ?? "");
    const matchers = h("textarea", { class: "input mono", rows: 2, name: "matchers", "data-testid": "silence-matchers", disabled: !editable }) as HTMLTextAreaElement;
    matchers.value = matchersText;
    const starts = h("input", { class: "input", type: "datetime-local", name: "startsAt", value: localInput(startsMs), disabled: !editable });
    const duration = h("input", { class: "input", name: "duration", size: 8, value: formatPromDuration(endsMs - startsMs), disabled: !editable });
    const ends = h("input", { class: "input", type: "datetime-local", name: "endsAt", value: localInput(endsMs), disabled: !editable });
    const createdBy = h("input", { class: "input", name: "createdBy", value: existing?.createdBy ?? currentSession().user ?? localStorage.getItem("argus.silence.author") ?? "", disabled: !editable, "data-testid": "silence-author" });
    const comment = h("textarea", { class: "input", rows: 3, name: "comment", disabled: !editable, "data-testid": "silence-comment" }) as HTMLTextAreaElement;
    comment.value = existing?.comment ?? "";
    const error = h("div", { class: "error-text", "data-testid": "silence-error" });
    const preview = h("div", { class: "muted" });

    duration.addEventListener("change", () => {
      const d = parseDuration(duration.value);
      const s = Date.parse(starts.value);
      if (d !== null && Number.isFinite(s)) ends.value = localInput(s + d);
    });
    const syncDuration = () => {
      const s = Date.parse(starts.value);
      const e = Date.parse(ends.value);
      if (Number.isFinite(s) && Number.isFinite(e) && e > s) duration.value = formatPromDuration(e - s);
    };
    ends.addEventListener("change", syncDuration);
    starts.addEventListener("change", syncDuration);

    const showPreview = async () => {
      let ms: AmMatcher[];
      try {
        ms = parseMatchers(matchers.value);
      } catch (e) {
        replace(preview, h("span", { class: "error-text" }, e instanceof Error ? e.message : String(e)));
        return;
      }
      if (ms.length === 0) {
        replace(preview, "Add at least one matcher.");
        return;
      }
      try {
        const data = await apiData<{ alerts: Alert[] }>("/api/v1/alerts", ctx.signal);
        const hit = data.alerts.filter(a => matchesAll(a.labels, ms));
        replace(preview, h("div", null, `Affects ${hit.length} current alert${hit.length === 1 ? "" : "s"}.`),
          hit.slice(0, 20).map(a => h("div", null, badge(a.state), " ", labelChips(a.labels))));
      } catch {
        replace(preview, "");
      }
    };
    matchers.addEventListener("change", () => void showPreview());

    const save = async (e: Event) => {
      e.preventDefault();
      error.textContent = "";
      let ms: AmMatcher[];
      try {
        ms = parseMatchers(matchers.value);
      } catch (err) {
        error.textContent = err instanceof Error ? err.message : String(err);
        return;
      }
      if (ms.length === 0) {
        error.textContent = "A silence needs at least one matcher.";
        return;
      }
      const s = Date.parse(starts.value);
      const en = Date.parse(ends.value);
      if (!Number.isFinite(s) || !Number.isFinite(en) || en <= s) {
        error.textContent = "The end must be after the start.";
        return;
      }
      if (!createdBy.value.trim()) {
        error.textContent = "Say who creates the silence.";
        return;
      }
      try {
        localStorage.setItem("argus.silence.author", createdBy.value.trim());
      } catch {
        // Storage unavailable: the author is not remembered.
      }
      const body = {
        ...(existing && !isNew ? { id: existing.id } : {}),
        matchers: ms.map(m => ({ name: m.name, value: m.value, isRegex: m.isRegex, isEqual: m.isEqual ?? true })),
        startsAt: new Date(s).toISOString(),
        endsAt: new Date(en).toISOString(),
        createdBy: createdBy.value.trim(),
        comment: comment.value,
      };
      try {
        const r = await apiJson<{ silenceID: string }>("POST", "/api/v2/silences", body);
        ctx.navigate(`/silences/${encodeURIComponent(r.silenceID)}`, true);
      } catch (err) {
        error.textContent = `Could not save the silence: ${err instanceof Error ? err.message : String(err)}`;
      }
    };
    const expire = async () => {
      if (!existing || !confirm(`Expire silence ${existing.id}?`)) return;
      try {
        await apiJson<null>("DELETE", `/api/v2/silence/${encodeURIComponent(existing.id)}`);
        ctx.navigate("/silences");
      } catch (err) {
        error.textContent = `Could not expire the silence: ${err instanceof Error ? err.message : String(err)}`;
      }
    };

    replace(root,
      existing ? h("p", null, badge(existing.status.state), " ", h("span", { class: "muted mono" }, existing.id)) : null,
      h("form", { class: "panel", onsubmit: save as EventListener, "data-testid": "silence-form" },
        h("div", { class: "form-grid" },
          h("label", null, "Matchers"), h("div", null, matchers, h("div", { class: "muted" }, 'e.g. {alertname="HighLatency", instance=~"web-.*"}')),
          h("label", null, "Start"), starts,
          h("label", null, "Duration"), duration,
          h("label", null, "End"), ends,
          h("label", null, "Created by"), createdBy,
          h("label", null, "Comment"), comment),
        error,
        editable ? h("div", { class: "toolbar" },
          h("button", { class: "btn primary", type: "submit", "data-testid": "save-silence" }, isNew ? "Create" : "Update"),
          existing && existing.status.state !== "expired" ? h("button", { class: "btn danger", type: "button", onclick: expire, "data-testid": "expire-silence" }, "Expire") : null,
          h("a", { class: "btn", href: "/silences" }, "Cancel")) : null),
      h("h3", null, "Affected alerts"), preview);
    void showPreview();
  },
});
