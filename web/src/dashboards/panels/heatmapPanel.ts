// The heatmap panel for Prometheus histograms: one column per time, one cell per bucket, colour by count.

import { h } from "../../shell/dom";
import { formatUnit } from "../units";
import type { HeatmapData } from "./heatmapData";

export function renderHeatmap(host: HTMLElement, data: HeatmapData, unit: string | undefined): void {
  const canvas = h("canvas", { class: "dash-heatmap", "data-testid": "heatmap" });
  const axis = h("div", { class: "dash-heatmap-axis muted" });
  host.append(canvas, axis);
  const draw = () => {
    const w = Math.max(50, host.clientWidth);
    const hgt = Math.max(40, host.clientHeight - 18);
    const ratio = window.devicePixelRatio || 1;
    canvas.width = w * ratio;
    canvas.height = hgt * ratio;
    canvas.style.width = `${w}px`;
    canvas.style.height = `${hgt}px`;
    const g = canvas.getContext("2d");
    if (!g) return;
    g.scale(ratio, ratio);
    const nb = data.bounds.length;
    const nt = data.times.length;
    let max = 0;
    for (const row of data.counts) for (const v of row) if (v > max) max = v;
    const cw = w / Math.max(1, nt);
    const ch = hgt / Math.max(1, nb);
    for (let b = 0; b < nb; b++) {
      for (let t = 0; t < nt; t++) {
        const v = data.counts[b][t];
        if (v <= 0 || max === 0) continue;
        const a = Math.sqrt(v / max);
        g.fillStyle = `rgba(255, 120, 10, ${0.15 + 0.85 * a})`;
        g.fillRect(t * cw, hgt - (b + 1) * ch, Math.max(1, cw - 0.5), Math.max(1, ch - 1));
      }
    }
  };
  draw();
  const bounds = data.bounds;
  axis.textContent = bounds.length === 0 ? "No data"
    : `buckets ${formatUnit(bounds[0], unit)} … ${bounds[bounds.length - 1] === Infinity ? "+Inf" : formatUnit(bounds[bounds.length - 1], unit)}`;
  new ResizeObserver(() => draw()).observe(host);
}
