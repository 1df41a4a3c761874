// Variable queries against the Prometheus API.

import { apiData, apiPostForm } from "../shell/api";
import type { VariableSource } from "./variables";

function params(match: string | null, startMs: number, endMs: number): string {
  const q = new URLSearchParams({ start: String(Math.floor(startMs / 1000)), end: String(Math.ceil(endMs / 1000)) });
  if (match) q.append("match[]", match);
  return q.toString();
}

export function apiVariableSource(signal?: AbortSignal): VariableSource {
  return {
    labelNames: (match, startMs, endMs) => apiData<string[]>(`/api/v1/labels?${params(match, startMs, endMs)}`, signal),
    labelValues: (label, match, startMs, endMs) =>
      apiData<string[]>(`/api/v1/label/${encodeURIComponent(label)}/values?${params(match, startMs, endMs)}`, signal),
    async query(expr, timeMs) {
      const data = await apiPostForm<{ resultType: string; result: unknown }>("/api/v1/query", { query: expr, time: String(timeMs / 1000) }, signal);
      if (data.resultType !== "vector") return [];
      return (data.result as { metric: Record<string, string>; value: [number, string] }[]).map(r => ({ metric: r.metric, value: r.value[1] }));
    },
  };
}
