// Grafana's grid: 24 columns, rows of 30 px; repeated rows and panels expanded per selected value; panels compacted
// upwards as react-grid-layout does when a repeat or a collapsed row changes heights.

import type { GridPos, Panel } from "./model";
import type { VariableValue } from "./interpolate";

export const gridColumns = 24;
export const gridRowPx = 30;
export const gridMarginPx = 8;

export interface LayoutItem {
  panel: Panel;
  /** Variables bound to one value by a repeat (the repeated variable), overriding the dashboard's scope. */
  overrides: ReadonlyMap<string, VariableValue>;
  pos: GridPos;
  /** Stable key for the DOM: panel id plus the repeat value. */
  key: string;
  /** For a row: whether its panels are hidden (collapsed). */
  collapsed?: boolean;
}

function single(v: VariableValue, value: string, text: string): VariableValue {
  return { ...v, values: [value], texts: [text], isAll: false, multiOrAll: false };
}

/** The values a repeat iterates: the selection, or every option for "All". */
function repeatValues(v: VariableValue): { value: string; text: string }[] {
  if (v.isAll) return v.options.map(o => ({ value: o, text: o }));
  return v.values.map((value, i) => ({ value, text: v.texts[i] ?? value }));
}

function gp(p: Panel): GridPos {
  return { x: p.gridPos?.x ?? 0, y: p.gridPos?.y ?? 0, w: p.gridPos?.w ?? 12, h: p.gridPos?.h ?? 8 };
}

/** Groups top-level panels into [row|null, its panels] sections in y order. */
function sections(panels: readonly Panel[], expandedRows: ReadonlySet<number>): { row: Panel | null; panels: Panel[] }[] {
  const sorted = [...panels].sort((a, b) => gp(a).y - gp(b).y || gp(a).x - gp(b).x);
  const out: { row: Panel | null; panels: Panel[] }[] = [{ row: null, panels: [] }];
  for (const p of sorted) {
    if (p.type === "row") {
      const collapsed = p.collapsed === true && !expandedRows.has(p.id ?? -1);
      out.push({ row: p, panels: collapsed ? [] : [...(p.panels ?? [])] });
    } else out[out.length - 1].panels.push(p);
  }
  return out;
}

function expandPanel(p: Panel, scope: ReadonlyMap<string, VariableValue>, base: ReadonlyMap<string, VariableValue>, keyPrefix: string): LayoutItem[] {
  const v = p.repeat ? scope.get(p.repeat) : undefined;
  const pos = gp(p);
  if (!p.repeat || !v) return [{ panel: p, overrides: base, pos, key: `${keyPrefix}${p.id ?? p.title}` }];
  const values = repeatValues(v);
  const out: LayoutItem[] = [];
  const maxPerRow = p.maxPerRow ?? 4;
  const horizontal = (p.repeatDirection ?? "h") === "h";
  const w = horizontal ? Math.max(Math.floor(gridColumns / Math.max(1, values.length)), Math.floor(gridColumns / maxPerRow)) : pos.w;
  values.forEach((val, i) => {
    const overrides = new Map(base);
    overrides.set(p.repeat!, single(v, val.value, val.text));
    const perRow = Math.max(1, Math.floor(gridColumns / w));
    const at: GridPos = horizontal
      ? { x: (i % perRow) * w, y: pos.y + Math.floor(i / perRow) * pos.h, w, h: pos.h }
      : { x: pos.x, y: pos.y + i * pos.h, w: pos.w, h: pos.h };
    out.push({ panel: p, overrides, pos: at, key: `${keyPrefix}${p.id ?? p.title}/${val.value}` });
  });
  return out;
}

/**
 * Expands repeats and collapsed rows into positioned items, compacted upwards. Rows collapse unless their id is in
 * <paramref name="expandedRows"/>; a repeated row repeats its whole section once per value.
 */
export function layout(panels: readonly Panel[], scope: ReadonlyMap<string, VariableValue>, expandedRows: ReadonlySet<number> = new Set()): LayoutItem[] {
  const items: LayoutItem[] = [];
  let y = 0;
  for (const section of sections(panels, expandedRows)) {
    const rowVar = section.row?.repeat ? scope.get(section.row.repeat) : undefined;
    const passes = section.row && rowVar
      ? repeatValues(rowVar).map(val => ({ key: `${section.row!.id}/${val.value}/`, overrides: new Map([[section.row!.repeat!, single(rowVar, val.value, val.text)]]) }))
      : [{ key: section.row ? `${section.row.id}/` : "", overrides: new Map<string, VariableValue>() }];
    const top = section.panels.length > 0 ? Math.min(...section.panels.map(p => gp(p).y)) : 0;
    for (const pass of passes) {
      if (section.row) {
        items.push({ panel: section.row, overrides: pass.overrides, pos: { x: 0, y, w: gridColumns, h: 1 }, key: pass.key + "row",
                     collapsed: section.row.collapsed === true && !expandedRows.has(section.row.id ?? -1) });
        y += 1;
      }
      const expanded: LayoutItem[] = [];
      const passScope = new Map(scope);
      for (const [k, v] of pass.overrides) passScope.set(k, v);
      for (const p of section.panels) {
        const rel = { ...p, gridPos: { ...gp(p), y: gp(p).y - top } };
        expanded.push(...expandPanel(rel, passScope, pass.overrides, pass.key));
      }
      const placed = compact(expanded);
      for (const it of placed) items.push({ ...it, pos: { ...it.pos, y: it.pos.y + y } });
      y += placed.reduce((m, it) => Math.max(m, it.pos.y + it.pos.h), 0);
    }
  }
  return items;
}

/** Vertical compaction: each item, in (y, x) order, moves up until it touches one above it in an overlapping column. */
export function compact(items: readonly LayoutItem[]): LayoutItem[] {
  const sorted = [...items].sort((a, b) => a.pos.y - b.pos.y || a.pos.x - b.pos.x);
  const placed: LayoutItem[] = [];
  for (const it of sorted) {
    const x = Math.min(Math.max(0, it.pos.x), gridColumns - 1);
    const w = Math.min(it.pos.w, gridColumns - x);
    let top = 0;
    for (const p of placed) {
      if (p.pos.x < x + w && x < p.pos.x + p.pos.w) top = Math.max(top, p.pos.y + p.pos.h);
    }
    placed.push({ ...it, pos: { x, y: top, w, h: it.pos.h } });
  }
  return placed;
}
