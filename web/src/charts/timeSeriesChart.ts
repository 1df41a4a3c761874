// A time-series chart over uPlot, shared by the explorer and the dashboards: series colours, a legend with
// click-to-isolate (ctrl/cmd-click toggles one), hover values, stacked mode, units, drag-to-zoom.
// Built for 500 series x 1,000 points: no per-series DOM on hover (one tooltip listing the top values), no point markers.

import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { h, replace } from "../shell/dom";
import { cssVar, onThemeChange } from "../shell/theme";
import { seriesColor, withAlpha } from "./palette";
import { formatValue, Unit } from "./units";

export interface ChartSeries {
  /** Legend and tooltip text, e.g. up{job="node"}. */
  name: string;
  labels?: Record<string, string>;
  /** One value per timestamp; null is a gap. */
  values: (number | null)[];
  /** Overrides the palette colour. */
  color?: string;
}

export interface ChartData {
  /** Epoch seconds, ascending, shared by every series. */
  timestamps: number[];
  series: ChartSeries[];
}

export interface ChartOptions {
  height?: number;
  /** The width for the first draw when the caller knows it (no layout read); later draws measure the element. */
  width?: number;
  unit?: Unit;
  stacked?: boolean;
  /** Show the legend under the chart (default true). */
  legend?: boolean;
  /** Called with the dragged range (epoch ms); without it dragging zooms the chart only. */
  onSelectRange?: (startMs: number, endMs: number) => void;
  /**
   * Called when a point is clicked (not dragged): the data series nearest the cursor among those with a value there, the
   * timestamp index, and an element placed at the click for anchoring a menu (dashboards' data links).
   */
  onClickPoint?: (seriesIndex: number, timestampIndex: number, anchor: HTMLElement) => void;
}

/** The most rows the hover tooltip lists (highest values first); more would cover the chart. */
const maxTooltipRows = 12;
/** Above this many series the cursor draws no per-series hover dots: 500 dots cost more than the chart. */
const maxCursorPoints = 40;

export class TimeSeriesChart {
  readonly element: HTMLElement;
  private readonly _plotHost: HTMLElement;
  private readonly _legend: HTMLElement;
  private readonly _tooltip: HTMLElement;
  private readonly _options: ChartOptions;
  private readonly _resize: ResizeObserver;
  private readonly _unsubscribeTheme: () => void;
  private _plot: uPlot | null = null;
  private _data: ChartData = { timestamps: [], series: [] };
  private _shown: boolean[] = [];
  private _stacked: boolean;
  private _unit: Unit;
  private _lastRenderMs = 0;
  private _knownWidth: number | undefined;

  constructor(container: HTMLElement, options: ChartOptions = {}) {
    this._options = options;
    this._knownWidth = options.width;
    this._stacked = options.stacked ?? false;
    this._unit = options.unit ?? "short";
    this._plotHost = h("div", { class: "chart-plot" });
    this._tooltip = h("div", { class: "chart-tooltip", hidden: true });
    this._legend = h("div", { class: "legend", "data-testid": "legend" });
    this.element = h("div", { class: "chart", "data-testid": "chart" }, this._plotHost, this._tooltip, options.legend === false ? null : this._legend);
    container.appendChild(this.element);
    this._resize = new ResizeObserver(() => {
      const width = this.width();
      if (this._plot && Math.abs(this._plot.width - width) > 1) this._plot.setSize({ width, height: this.height() });
    });
    this._resize.observe(this.element);
    this._unsubscribeTheme = onThemeChange(() => this.rebuild());
  }

  /** Milliseconds the last full draw took (also on the element as data-render-ms, read by the browser tests). */
  get lastRenderMs(): number {
    return this._lastRenderMs;
  }

  setData(data: ChartData): void {
    const keep = this._data.series.length === data.series.length ? this._shown : null;
    this._data = data;
    this._shown = keep ?? data.series.map(() => true);
    this.rebuild();
    this.renderLegend();
  }

  setStacked(stacked: boolean): void {
    if (stacked === this._stacked) return;
    this._stacked = stacked;
    this.rebuild();
  }

  setUnit(unit: Unit): void {
    this._unit = unit;
    this.rebuild();
  }

  /** Shows only series i, or every series again when i is already the only one shown. */
  isolate(i: number): void {
    const only = this._shown[i] && this._shown.every((s, j) => j === i || !s);
    this._shown = this._shown.map((_, j) => only || j === i);
    this.applyVisibility();
  }

  toggle(i: number): void {
    this._shown[i] = !this._shown[i];
    this.applyVisibility();
  }

  destroy(): void {
    this._resize.disconnect();
    this._unsubscribeTheme();
    this._plot?.destroy();
    this._plot = null;
    this.element.remove();
  }

  private width(): number {
    const known = this._knownWidth;
    this._knownWidth = undefined;
    if (known !== undefined && known > 0) return Math.max(200, known);
    return Math.max(200, this.element.clientWidth || this.element.parentElement?.clientWidth || 800);
  }

  private height(): number {
    return this._options.height ?? 300;
  }

  private applyVisibility(): void {
    this.renderLegend();
    if (this._stacked || !this._plot) {
      this.rebuild();
      return;
    }
    const plot = this._plot;
    plot.batch(() => {
      for (let i = 0; i < this._shown.length; i++) plot.setSeries(i + 1, { show: this._shown[i]! }, false);
    });
  }

  /** The plotted columns: the values, or in stacked mode running sums over the shown series (a gap counts as 0). */
  private columns(): uPlot.AlignedData {
    const cols: (number | null)[][] = [];
    if (!this._stacked) {
      for (const s of this._data.series) cols.push(s.values);
    } else {
      const n = this._data.timestamps.length;
      const sum = new Float64Array(n);
      for (let i = 0; i < this._data.series.length; i++) {
        const values = this._data.series[i]!.values;
        if (!this._shown[i]) {
          cols.push(values);
          continue;
        }
        const col = new Array<number | null>(n);
        for (let j = 0; j < n; j++) {
          const v = values[j];
          if (v !== null && v !== undefined) sum[j] += v;
          col[j] = v === null || v === undefined ? null : sum[j]!;
        }
        cols.push(col);
      }
    }
    return [this._data.timestamps, ...this.plotOrder().map(i => cols[i]!)] as uPlot.AlignedData;
  }

  /** Data series indexes in the order uPlot draws them (reversed when stacked). */
  private plotOrder(): number[] {
    const n = this._data.series.length;
    return Array.from({ length: n }, (_, k) => (this._stacked ? n - 1 - k : k));
  }

  private rebuild(): void {
    this._plot?.destroy();
    this._plot = null;
    replace(this._plotHost);
    const axis = cssVar("--chart-axis") || "#888";
    const grid = cssVar("--chart-grid") || "rgba(128,128,128,0.15)";
    const unit = this._unit;
    const many = this._data.series.length > maxCursorPoints;
    const series: uPlot.Series[] = [{}];
    // Stacked: the running sums are drawn top-down (reversed order), each filled down to the axis, so every lower series
    // paints over the one above it. Fill-to-neighbour bands would do the same with a clip path per series, which costs
    // seconds at 500 series.
    for (const i of this.plotOrder()) {
      const s = this._data.series[i]!;
      const color = s.color ?? seriesColor(i);
      series.push({
        label: s.name,
        stroke: color,
        width: 1,
        show: this._shown[i] ?? true,
        spanGaps: false,
        points: { show: false },
        fill: this._stacked ? withAlpha(color, 0.5) : undefined,
        value: (_u, v) => formatValue(v, unit),
      });
    }
    const started = performance.now();
    const onSelect = this._options.onSelectRange;
    const opts: uPlot.Options = {
      width: this.width(),
      height: this.height(),
      series,
      legend: { show: false },
      scales: { x: { time: true } },
      cursor: {
        points: { show: !many },
        drag: { x: true, y: false, setScale: !onSelect },
        focus: { prox: 16 },
      },
      focus: { alpha: 0.3 },
      axes: [
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } },
        {
          stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, size: 70,
          values: (_u, splits) => splits.map(v => formatValue(v, unit)),
        },
      ],
      hooks: {
        draw: [() => {
          this._lastRenderMs = performance.now() - started;
          this.element.dataset["renderMs"] = this._lastRenderMs.toFixed(1);
        }],
        setCursor: [u => this.showTooltip(u)],
        setSelect: [u => {
          if (!onSelect || u.select.width < 2) return;
          const from = u.posToVal(u.select.left, "x") * 1000;
          const to = u.posToVal(u.select.left + u.select.width, "x") * 1000;
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          onSelect(Math.round(from), Math.round(to));
        }],
      },
    };
    const columns = this.columns();
    this._plot = new uPlot(opts, columns, this._plotHost);
    if (this._options.onClickPoint) this.listenForClicks(this._plot, columns, this._options.onClickPoint);
  }

  private listenForClicks(u: uPlot, columns: uPlot.AlignedData, onClick: NonNullable<ChartOptions["onClickPoint"]>): void {
    let downX = 0;
    let downY = 0;
    u.over.addEventListener("mousedown", e => {
      downX = e.clientX;
      downY = e.clientY;
    });
    u.over.addEventListener("click", e => {
      if (Math.abs(e.clientX - downX) > 3 || Math.abs(e.clientY - downY) > 3) return;   // a drag (zoom), not a click
      const idx = u.cursor.idx;
      if (idx === null || idx === undefined || u.cursor.top === undefined) return;
      const y = u.posToVal(u.cursor.top, "y");
      const order = this.plotOrder();
      let best = -1;
      let bestDistance = Infinity;
      order.forEach((i, k) => {
        const v = (columns[k + 1] as (number | null)[])[idx];
        if (!this._shown[i] || v === null || v === undefined) return;
        const distance = Math.abs(v - y);
        if (distance < bestDistance) [best, bestDistance] = [i, distance];
      });
      if (best < 0) return;
      e.stopPropagation();
      const host = this.element.getBoundingClientRect();
      const marker = this.element.querySelector<HTMLElement>(".chart-click") ?? this.element.appendChild(h("span", { class: "chart-click" }));
      marker.style.left = `${e.clientX - host.left}px`;
      marker.style.top = `${e.clientY - host.top}px`;
      onClick(best, idx, marker);
    });
  }

  private showTooltip(u: uPlot): void {
    const idx = u.cursor.idx;
    if (idx === null || idx === undefined || u.cursor.left === undefined || u.cursor.left < 0) {
      this._tooltip.hidden = true;
      return;
    }
    const rows: { i: number; v: number }[] = [];
    this._data.series.forEach((s, i) => {
      const v = s.values[idx];
      if (this._shown[i] && v !== null && v !== undefined) rows.push({ i, v });
    });
    if (rows.length === 0) {
      this._tooltip.hidden = true;
      return;
    }
    rows.sort((a, b) => b.v - a.v);
    const t = this._data.timestamps[idx]!;
    replace(this._tooltip,
      h("div", { class: "muted" }, new Date(t * 1000).toLocaleString()),
      rows.slice(0, maxTooltipRows).map(r => h("div", { class: "row" },
        h("span", { class: "swatch", style: `background:${this._data.series[r.i]!.color ?? seriesColor(r.i)}` }),
        h("b", null, formatValue(r.v, this._unit)), " ", this._data.series[r.i]!.name)),
      rows.length > maxTooltipRows ? h("div", { class: "muted" }, `+${rows.length - maxTooltipRows} more`) : null);
    this._tooltip.hidden = false;
    const over = u.over.getBoundingClientRect();
    const host = this.element.getBoundingClientRect();
    const x = over.left - host.left + u.cursor.left;
    const y = over.top - host.top + (u.cursor.top ?? 0);
    const tipWidth = this._tooltip.offsetWidth;
    this._tooltip.style.left = `${x + 16 + tipWidth > host.width ? Math.max(0, x - tipWidth - 16) : x + 16}px`;
    this._tooltip.style.top = `${Math.max(0, y - 10)}px`;
  }

  private renderLegend(): void {
    if (this._options.legend === false) return;
    const anyHidden = this._shown.some(s => !s);
    replace(this._legend, this._data.series.map((s, i) => h("div", {
      class: `legend-item${anyHidden && !this._shown[i] ? " hidden-series" : ""}`,
      title: "Click to show only this series, ctrl/cmd-click to toggle it",
      onclick: ((e: MouseEvent) => (e.ctrlKey || e.metaKey ? this.toggle(i) : this.isolate(i))) as EventListener,
    }, h("span", { class: "swatch", style: `background:${s.color ?? seriesColor(i)}` }), s.name)));
  }
}
