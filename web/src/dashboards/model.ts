// The parts of Grafana's dashboard JSON (schemaVersion 16..39+) Argus reads. Unknown fields are kept but ignored.

import type { LinkModel } from "./links";

export interface GridPos { x: number; y: number; w: number; h: number }

export interface Target {
  refId?: string;
  expr?: string;
  legendFormat?: string;
  interval?: string;
  instant?: boolean;
  range?: boolean;
  hide?: boolean;
  format?: "time_series" | "table" | "heatmap" | string;
  intervalFactor?: number;
  step?: number;
}

export interface ThresholdStep { color: string; value: number | null }

export interface FieldDefaults {
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
  displayName?: string;
  thresholds?: { mode?: string; steps?: ThresholdStep[] };
  color?: { mode?: string; fixedColor?: string };
  custom?: { stacking?: { mode?: string }; fillOpacity?: number; drawStyle?: string; displayMode?: string; cellOptions?: { type?: string } };
  /** Value mappings (valueMappings.ts): value, range, regex, special; old "type": 1/2 forms too. */
  mappings?: unknown[];
  /** Data links (links.ts), offered when a value, cell or point is clicked. */
  links?: LinkModel[];
}

export interface FieldOverride {
  matcher: { id: string; options?: string };
  properties: { id: string; value?: unknown }[];
}

export interface Panel {
  id?: number;
  type: string;
  title?: string;
  description?: string;
  gridPos?: GridPos;
  datasource?: unknown;
  targets?: Target[];
  interval?: string;
  maxDataPoints?: number;
  fieldConfig?: { defaults?: FieldDefaults; overrides?: FieldOverride[] };
  options?: Record<string, unknown>;
  transformations?: { id: string; options?: Record<string, unknown> }[];
  /** Panel links, in the panel's menu. */
  links?: LinkModel[];
  repeat?: string;
  repeatDirection?: "h" | "v";
  maxPerRow?: number;
  collapsed?: boolean;
  panels?: Panel[];
  // Old "graph" panel fields (schema < 27) still found in many dashboards.
  yaxes?: { format?: string; min?: number | string | null; max?: number | string | null; decimals?: number | null }[];
  stack?: boolean;
  format?: string;
  decimals?: number;
  thresholds?: string;
  content?: string;
  mode?: string;
  span?: number;
  height?: number | string;
}

export interface VariableModel {
  name: string;
  type: "query" | "custom" | "interval" | "constant" | "datasource" | "textbox" | "adhoc" | string;
  label?: string;
  query?: string | { query?: string; qryType?: number };
  definition?: string;
  regex?: string;
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string | null;
  current?: { text?: string | string[]; value?: string | string[] } | null;
  options?: { text: string; value: string; selected?: boolean }[];
  hide?: number;
  sort?: number;
  auto?: boolean;
  auto_count?: number;
  auto_min?: string;
}

/** dashboard.links: a "link" (url) or "dashboards" (every dashboard with all of tags), inline or as a dropdown. */
export interface DashboardLink extends LinkModel {
  type?: "link" | "dashboards" | string;
  tags?: string[];
  asDropdown?: boolean;
  icon?: string;
}

export interface Row { title?: string; collapse?: boolean; height?: number | string; panels?: Panel[]; repeat?: string; showTitle?: boolean }

export interface Dashboard {
  uid: string;
  title: string;
  tags?: string[];
  panels?: Panel[];
  rows?: Row[];
  templating?: { list?: VariableModel[] };
  time?: { from: string; to: string };
  refresh?: string;
  schemaVersion?: number;
  description?: string;
  links?: DashboardLink[];
}

/** The list entry of GET /api/argus/dashboards. */
export interface DashboardSummary {
  uid: string;
  title: string;
  tags: string[];
  folder: string;
  source: string;
  embedded: boolean;
  home: boolean;
  error?: string;
}

/**
 * Grafana's schema migration for pre-v16 dashboards (`rows` of panels with a 12-column `span`): rows become row panels
 * followed by their panels on the 24-column grid, as DashboardMigrator.upgradeToGridLayout does.
 */
export function panelsOf(d: Dashboard): Panel[] {
  if (d.panels && d.panels.length > 0) return d.panels;
  if (!d.rows) return [];
  const out: Panel[] = [];
  let y = 0;
  let id = 1000;
  for (const row of d.rows) {
    const height = rowHeight(row.height);
    if (row.showTitle !== false && row.title) {
      out.push({ type: "row", title: row.title, gridPos: { x: 0, y, w: 24, h: 1 }, collapsed: false, panels: [], repeat: row.repeat, id: id++ });
      y++;
    }
    let x = 0;
    for (const p of row.panels ?? []) {
      const w = Math.max(1, Math.round(((p.span ?? 12) / 12) * 24));
      if (x + w > 24) {
        x = 0;
        y += height;
      }
      out.push({ ...p, gridPos: { x, y, w, h: height } });
      x += w;
    }
    y += height;
  }
  return out;
}

function rowHeight(h: number | string | undefined): number {
  const px = typeof h === "string" ? parseInt(h, 10) : h ?? 250;
  // Grafana: one grid unit is 30 px plus a 10 px margin.
  return Math.max(3, Math.ceil((Number.isFinite(px) ? px : 250) / 40));
}

/** Every panel with data, rows' collapsed children included (for tests and for "all queries of a dashboard"). */
export function allPanels(d: Dashboard): Panel[] {
  const out: Panel[] = [];
  for (const p of panelsOf(d)) {
    if (p.type === "row") out.push(...(p.panels ?? []));
    else out.push(p);
  }
  return out;
}
