// Table panels: instant (or last-value) results of one or more queries merged by label set into rows, then Grafana's
// "organize" transformation (exclude, rename, order) applied.

import type { Panel } from "../model";
import type { SeriesResult } from "../query";

export interface Table {
  columns: string[];
  rows: (string | number | null)[][];
  /** Columns holding numeric values (as opposed to labels). */
  valueColumns: Set<string>;
}

export function toTable(series: readonly SeriesResult[], panel: Panel): Table {
  const refIds = [...new Set(series.map(s => s.refId))].sort();
  const valueName = (refId: string) => refIds.length > 1 ? `Value #${refId}` : "Value";
  const labelNames = new Set<string>();
  for (const s of series) for (const k of Object.keys(s.metric)) labelNames.add(k);
  const labels = [...labelNames].sort((a, b) => a === "__name__" ? -1 : b === "__name__" ? 1 : a.localeCompare(b));
  const rowsByKey = new Map<string, Map<string, string | number | null>>();
  for (const s of series) {
    // Merge on every label but __name__, as Grafana's "merge" transformation joins on common fields.
    const key = labels.filter(l => l !== "__name__").map(l => s.metric[l] ?? "").join("\u0000");
    let row = rowsByKey.get(key);
    if (!row) {
      row = new Map();
      for (const l of labels) row.set(l, s.metric[l] ?? null);
      rowsByKey.set(key, row);
    }
    const last = s.values[s.values.length - 1];
    row.set(valueName(s.refId), last ? parseFloat(last[1]) : null);
    if (last) row.set("Time", last[0] * 1000);
  }
  let columns = ["Time", ...labels, ...refIds.map(valueName)];
  const valueColumns = new Set(refIds.map(valueName));
  for (const tr of panel.transformations ?? []) {
    if (tr.id !== "organize") continue;
    const o = tr.options as { excludeByName?: Record<string, boolean>; renameByName?: Record<string, string>; indexByName?: Record<string, number> } | undefined;
    if (o?.excludeByName) columns = columns.filter(c => !o.excludeByName![c]);
    if (o?.indexByName) {
      const idx = o.indexByName;
      columns = [...columns].sort((a, b) => (idx[a] ?? 1000) - (idx[b] ?? 1000));
    }
    if (o?.renameByName) {
      const rn = o.renameByName;
      const renamed = columns.map(c => rn[c] || c);
      const rows = [...rowsByKey.values()].map(r => columns.map(c => r.get(c) ?? null));
      for (const c of columns) if (valueColumns.has(c) && rn[c]) valueColumns.add(rn[c]);
      return { columns: renamed, rows, valueColumns };
    }
  }
  const rows = [...rowsByKey.values()].map(r => columns.map(c => r.get(c) ?? null));
  return { columns, rows, valueColumns };
}
