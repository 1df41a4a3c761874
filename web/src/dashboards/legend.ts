// legendFormat: "{{label}}" replaced by the series' label values (Grafana's renderLegendFormat).

import { seriesName } from "../shell/dom";

export function legendName(format: string | undefined, metric: Record<string, string>): string {
  if (!format || format === "__auto") return seriesName(metric);
  return format.replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_m, name: string) => metric[name] ?? "");
}
