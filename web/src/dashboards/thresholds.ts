// Thresholds and Grafana's named colours.

import type { FieldDefaults, ThresholdStep } from "./model";

const named: Record<string, string> = {
  green: "#73bf69", "dark-green": "#37872d", "semi-dark-green": "#56a64b", "light-green": "#96d98d", "super-light-green": "#c8f2c2",
  red: "#f2495c", "dark-red": "#c4162a", "semi-dark-red": "#e02f44", "light-red": "#ff7383", "super-light-red": "#ffa6b0",
  orange: "#ff9830", "dark-orange": "#fa6400", "semi-dark-orange": "#ff780a", "light-orange": "#ffb357",
  yellow: "#fade2a", "dark-yellow": "#e0b400", "semi-dark-yellow": "#f2cc0c", "light-yellow": "#ffee52",
  blue: "#5794f2", "dark-blue": "#1f60c4", "semi-dark-blue": "#3274d9", "light-blue": "#8ab8ff",
  purple: "#b877d9", "dark-purple": "#8f3bb8", "semi-dark-purple": "#a352cc", "light-purple": "#ca95e5",
  text: "var(--fg, #ccc)", transparent: "transparent",
};

/** A Grafana colour name or any CSS colour → CSS colour. */
export function cssColor(name: string | undefined): string {
  if (!name) return named.green;
  return named[name] ?? name;
}

/** The step a value falls in: the last step whose value is ≤ v (the first step's null value is -Infinity). */
export function thresholdColor(v: number | null | undefined, steps: readonly ThresholdStep[] | undefined, max?: number, min?: number,
                               mode?: string): string {
  const list = steps && steps.length > 0 ? steps : [{ color: "green", value: null }];
  if (v === null || v === undefined || Number.isNaN(v)) return cssColor(list[0].color);
  let x = v;
  if (mode === "percentage") {
    const lo = min ?? 0;
    const hi = max ?? 100;
    x = hi === lo ? 0 : ((v - lo) / (hi - lo)) * 100;
  }
  let color = list[0].color;
  for (const s of list) if (s.value === null || s.value === undefined || x >= s.value) color = s.color;
  return cssColor(color);
}

/** The colour of a field: a fixed colour when the colour mode says so, else its threshold colour. */
export function fieldColor(v: number | null | undefined, d: FieldDefaults | undefined): string {
  if (d?.color?.mode === "fixed" && d.color.fixedColor) return cssColor(d.color.fixedColor);
  return thresholdColor(v, d?.thresholds?.steps, d?.max, d?.min, d?.thresholds?.mode);
}

/** Old singlestat/graph "thresholds": "80,90" with colours green, orange, red. */
export function legacySteps(thresholds: string | undefined): ThresholdStep[] | undefined {
  if (!thresholds) return undefined;
  const values = thresholds.split(",").map(s => parseFloat(s)).filter(Number.isFinite);
  const colors = ["green", "orange", "red"];
  return [{ color: colors[0], value: null }, ...values.map((v, i) => ({ color: colors[Math.min(i + 1, 2)], value: v }))];
}
