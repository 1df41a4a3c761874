// Value formatting by unit (Grafana's unit names where one exists), for axis ticks, hover values and tables.

export type Unit = "short" | "none" | "bytes" | "s" | "ms" | "percent" | "percentunit" | "reqps" | string;

const si = ["", "k", "M", "G", "T", "P", "E"];
const iec = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

function trim(n: number, decimals: number): string {
  const s = n.toFixed(decimals);
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

function scaled(v: number, base: number, names: string[], decimals: number, space: string): string {
  let i = 0;
  let x = Math.abs(v);
  while (x >= base && i < names.length - 1) {
    x /= base;
    i++;
  }
  return (v < 0 ? "-" : "") + trim(x, decimals) + (names[i] ? space + names[i] : "");
}

function seconds(v: number, decimals: number): string {
  const a = Math.abs(v);
  if (a === 0) return "0s";
  if (a < 1e-6) return trim(v * 1e9, decimals) + "ns";
  if (a < 1e-3) return trim(v * 1e6, decimals) + "µs";
  if (a < 1) return trim(v * 1e3, decimals) + "ms";
  if (a < 60) return trim(v, decimals) + "s";
  if (a < 3600) return trim(v / 60, decimals) + "min";
  if (a < 86400) return trim(v / 3600, decimals) + "h";
  return trim(v / 86400, decimals) + "d";
}

/** A value for display; null, NaN and ±Inf are shown as Prometheus writes them. */
export function formatValue(v: number | null | undefined, unit: Unit = "short", decimals = 2): string {
  if (v === null || v === undefined) return "-";
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "+Inf" : "-Inf";
  switch (unit) {
    case "none": return String(v);
    case "bytes": return scaled(v, 1024, iec, decimals, " ");
    case "s": return seconds(v, decimals);
    case "ms": return seconds(v / 1000, decimals);
    case "percent": return trim(v, decimals) + "%";
    case "percentunit": return trim(v * 100, decimals) + "%";
    case "reqps": return scaled(v, 1000, si, decimals, " ") + " req/s";
    default: {
      const a = Math.abs(v);
      if (a !== 0 && a < 0.001) return v.toExponential(decimals);
      return scaled(v, 1000, si, decimals, "");
    }
  }
}
