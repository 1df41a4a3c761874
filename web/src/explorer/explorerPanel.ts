// One panel of the explorer: the editor, graph and table tabs, stats and errors.

import { TimeSeriesChart } from "../charts/timeSeriesChart";
import { matrixToChartData, MatrixSeries } from "../charts/promData";
import { apiPostForm } from "../shell/api";
import { h, replace, seriesName } from "../shell/dom";
import { autoStepMs, timeState } from "../shell/timeRange";
import { PanelState } from "./graphUrl";
import { createPromqlEditor, PromqlEditor } from "./promqlEditor";

interface QueryData {
  resultType: "matrix" | "vector" | "scalar" | "string";
  result: unknown;
}

interface VectorSample {
  metric: Record<string, string>;
  value?: [number, string];
  values?: [number, string][];
}

/** The most table rows shown: a browser table of 100k rows freezes the page, and nobody reads past this. */
const maxTableRows = 10_000;

export class ExplorerPanel {
  readonly element: HTMLElement;
  private readonly _state: PanelState;
  private readonly _editor: PromqlEditor;
  private readonly _body: HTMLElement;
  private readonly _stats: HTMLElement;
  private readonly _tabs: HTMLElement;
  private readonly _onChange: () => void;
  private _chart: TimeSeriesChart | null = null;
  private _abort: AbortController | null = null;

  constructor(state: PanelState, onChange: () => void, onRemove: (() => void) | null) {
    this._state = state;
    this._onChange = onChange;
    const editorHost = h("div", { class: "editor" });
    this._editor = createPromqlEditor(editorHost, state.expr, () => this.execute());
    this._body = h("div", { class: "panel-body" });
    this._stats = h("span", { class: "stats", "data-testid": "query-stats" });
    this._tabs = h("div", { class: "tabs" });
    const stacked = h("label", { class: "muted" }, h("input", {
      type: "checkbox", checked: state.stacked, "data-testid": "stacked",
      onchange: (e: Event) => {
        this._state.stacked = (e.target as HTMLInputElement).checked;
        this._chart?.setStacked(this._state.stacked);
        this._onChange();
      },
    }), " stacked");
    const step = h("input", {
      class: "input", size: 6, placeholder: "auto", title: "Resolution (step) in seconds",
      value: state.stepSeconds === null ? "" : String(state.stepSeconds),
      onchange: (e: Event) => {
        const v = parseFloat((e.target as HTMLInputElement).value);
        this._state.stepSeconds = Number.isFinite(v) && v > 0 ? v : null;
        this._onChange();
        this.execute();
      },
    });
    this.element = h("section", { class: "panel explorer-panel" },
      h("div", { class: "query-row" },
        editorHost,
        h("button", { class: "btn primary", type: "button", "data-testid": "execute", onclick: () => this.execute() }, "Execute"),
        onRemove ? h("button", { class: "btn", type: "button", title: "Remove panel", onclick: onRemove }, "✕") : null),
      h("div", { class: "toolbar" }, this._tabs, h("span", { class: "spacer" }), h("label", { class: "muted" }, "step ", step, "s"), stacked, this._stats),
      this._body);
    this.renderTabs();
  }

  get state(): PanelState {
    return this._state;
  }

  private renderTabs(): void {
    replace(this._tabs, (["graph", "table"] as const).map(t => h("button", {
      type: "button", class: this._state.tab === t ? "active" : "", "data-testid": `tab-${t}`,
      onclick: () => {
        if (this._state.tab === t) return;
        this._state.tab = t;
        this.renderTabs();
        this._onChange();
        this.execute();
      },
    }, t === "graph" ? "Graph" : "Table")));
  }

  /** Runs the expression for the current tab and the shared time range. */
  async execute(): Promise<void> {
    this._state.expr = this._editor.getValue().trim();
    this._onChange();
    this._abort?.abort();
    if (!this._state.expr) {
      this.clearChart();
      replace(this._body, h("p", { class: "empty" }, "Enter an expression and press Execute."));
      this._stats.textContent = "";
      return;
    }
    const abort = new AbortController();
    this._abort = abort;
    const range = timeState.resolve();
    const started = performance.now();
    this._stats.textContent = "Loading…";
    try {
      if (this._state.tab === "graph") {
        const stepMs = this._state.stepSeconds !== null ? this._state.stepSeconds * 1000 : autoStepMs(range);
        const startMs = Math.floor(range.startMs / stepMs) * stepMs;
        const data = await apiPostForm<QueryData>("/api/v1/query_range", {
          query: this._state.expr, start: String(startMs / 1000), end: String(range.endMs / 1000), step: String(stepMs / 1000),
        }, abort.signal);
        if (abort.signal.aborted) return;
        const series = data.result as MatrixSeries[];
        this.showGraph(matrixToChartData(series, startMs, range.endMs, stepMs));
        this._stats.textContent = `Load time: ${Math.round(performance.now() - started)}ms · Resolution: ${stepMs / 1000}s · Result series: ${series.length}`;
      } else {
        const time = this._state.momentMs ?? range.endMs;
        const data = await apiPostForm<QueryData>("/api/v1/query", { query: this._state.expr, time: String(time / 1000) }, abort.signal);
        if (abort.signal.aborted) return;
        this.clearChart();
        const count = this.showTable(data);
        this._stats.textContent = `Load time: ${Math.round(performance.now() - started)}ms · Result series: ${count}`;
      }
    } catch (e) {
      if (abort.signal.aborted) return;
      this.clearChart();
      this._stats.textContent = "";
      replace(this._body, h("div", { class: "alert-box error", "data-testid": "query-error" }, e instanceof Error ? e.message : String(e)));
    }
  }

  private showGraph(data: ReturnType<typeof matrixToChartData>): void {
    if (data.series.length === 0) {
      this.clearChart();
      replace(this._body, h("p", { class: "empty" }, "Empty query result"));
      return;
    }
    if (!this._chart || !this._body.contains(this._chart.element)) {
      this.clearChart();
      replace(this._body);
      this._chart = new TimeSeriesChart(this._body, {
        stacked: this._state.stacked,
        onSelectRange: (from, to) => timeState.set({ from: String(from), to: String(to) }),
      });
    }
    this._chart.setData(data);
  }

  private clearChart(): void {
    this._chart?.destroy();
    this._chart = null;
  }

  private showTable(data: QueryData): number {
    if (data.resultType === "scalar" || data.resultType === "string") {
      const [, v] = data.result as [number, string];
      replace(this._body, h("table", { class: "data", "data-testid": "result-table" },
        h("tbody", null, h("tr", null, h("td", null, data.resultType), h("td", { class: "num" }, v)))));
      return 1;
    }
    const rows = data.result as VectorSample[];
    if (rows.length === 0) {
      replace(this._body, h("p", { class: "empty" }, "Empty query result"));
      return 0;
    }
    const shown = rows.slice(0, maxTableRows);
    replace(this._body,
      rows.length > maxTableRows ? h("div", { class: "alert-box warn" }, `Showing ${maxTableRows} of ${rows.length} series.`) : null,
      h("div", { class: "table-wrap" }, h("table", { class: "data", "data-testid": "result-table" },
        h("tbody", null, shown.map(r => h("tr", null,
          h("td", { class: "mono" }, seriesName(r.metric)),
          h("td", { class: "num mono" }, r.value
            ? r.value[1]
            : (r.values ?? []).map(([t, v]) => h("div", null, `${v} @${t}`)))))))));
    return rows.length;
  }

  /** Re-runs after a time-range change or refresh tick, if there is something to run. */
  refresh(): void {
    if (this._state.expr) void this.execute();
  }

  destroy(): void {
    this._abort?.abort();
    this.clearChart();
    this._editor.destroy();
  }
}
