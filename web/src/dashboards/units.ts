// Grafana's unit ids (fieldConfig.defaults.unit) and decimals → display text. Covers the units of the compat and default
// dashboards and Grafana's common ones; an unknown unit formats as "short" with the unit id as suffix when it is custom
// ("suffix:x", "prefix:x").

import { formatValue as formatShared } from "../charts/units";

const si = ["", " k", " M", " G", " T", " P", " E"];

function fixed(v: number, decimals: number | undefined): string {
  if (decimals !== undefined && decimals !== null) return v.toFixed(Math.max(0, Math.min(20, decimals)));
  // Grafana's automatic decimals: enough to show ~3 significant digits, trailing zeros trimmed.
  const a = Math.abs(v);
  const d = a === 0 ? 0 : a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : Math.min(6, 2 - Math.floor(Math.log10(a)));
  const s = v.toFixed(d);
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

function scaled(v: number, base: number, names: string[], decimals: number | undefined, suffix = ""): string {
  let i = 0;
  let x = v;
  while (Math.abs(x) >= base && i < names.length - 1) {
    x /= base;
    i++;
  }
  return fixed(x, decimals) + names[i] + suffix;
}

const bytesIec = [" B", " KiB", " MiB", " GiB", " TiB", " PiB"];
const bytesSi = [" B", " kB", " MB", " GB", " TB", " PB"];
const bitsIec = [" b", " Kib", " Mib", " Gib", " Tib", " Pib"];
const bitsSi = [" b", " kb", " Mb", " Gb", " Tb", " Pb"];

function duration(seconds: number, decimals: number | undefined): string {
  const a = Math.abs(seconds);
  if (a === 0) return "0 s";
  if (a < 1e-6) return fixed(seconds * 1e9, decimals) + " ns";
  if (a < 1e-3) return fixed(seconds * 1e6, decimals) + " µs";
  if (a < 1) return fixed(seconds * 1e3, decimals) + " ms";
  if (a < 60) return fixed(seconds, decimals) + " s";
  if (a < 3600) return fixed(seconds / 60, decimals) + " min";
  if (a < 86400) return fixed(seconds / 3600, decimals) + " hour";
  if (a < 604800) return fixed(seconds / 86400, decimals) + " day";
  if (a < 31536000) return fixed(seconds / 604800, decimals) + " week";
  return fixed(seconds / 31536000, decimals) + " year";
}

/** "1d 2h" style (Grafana's dtdurations). */
function dtDuration(seconds: number): string {
  const parts: string[] = [];
  let s = Math.floor(Math.abs(seconds));
  for (const [name, size] of [["y", 31536000], ["d", 86400], ["h", 3600], ["m", 60], ["s", 1]] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${name}`);
      s %= size;
    }
    if (parts.length === 2) break;
  }
  return (seconds < 0 ? "-" : "") + (parts.join(" ") || "0s");
}

/** Display text of a value in a Grafana unit. */
export function formatUnit(v: number | null | undefined, unit: string | undefined, decimals?: number): string {
  if (v === null || v === undefined) return "No data";
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "+Inf" : "-Inf";
  const u = unit ?? "short";
  switch (u) {
    case "none": return fixed(v, decimals);
    case "short": case "": return scaled(v, 1000, ["", " K", " Mil", " Bil", " Tri"], decimals);
    case "percent": return fixed(v, decimals) + "%";
    case "percentunit": return fixed(v * 100, decimals) + "%";
    case "bytes": case "decbytes": return scaled(v, u === "bytes" ? 1024 : 1000, u === "bytes" ? bytesIec : bytesSi, decimals);
    case "kbytes": return scaled(v * 1024, 1024, bytesIec, decimals);
    case "mbytes": return scaled(v * 1024 * 1024, 1024, bytesIec, decimals);
    case "bits": case "decbits": return scaled(v, u === "bits" ? 1024 : 1000, u === "bits" ? bitsIec : bitsSi, decimals);
    case "Bps": case "binBps": return scaled(v, u === "binBps" ? 1024 : 1000, (u === "binBps" ? bytesIec : bytesSi), decimals, "/s");
    case "bps": case "binbps": return scaled(v, u === "binbps" ? 1024 : 1000, (u === "binbps" ? bitsIec : bitsSi), decimals, "/s");
    case "s": return duration(v, decimals);
    case "ms": return duration(v / 1000, decimals);
    case "µs": case "us": return duration(v / 1e6, decimals);
    case "ns": return duration(v / 1e9, decimals);
    case "dtdurations": return dtDuration(v);
    case "dtdurationms": return dtDuration(v / 1000);
    case "ops": return scaled(v, 1000, si, decimals, " ops/s");
    case "reqps": return scaled(v, 1000, si, decimals, " req/s");
    case "rps": return scaled(v, 1000, si, decimals, " rd/s");
    case "wps": return scaled(v, 1000, si, decimals, " wr/s");
    case "iops": return scaled(v, 1000, si, decimals, " io/s");
    case "opm": return scaled(v, 1000, si, decimals, " ops/min");
    case "hertz": return scaled(v, 1000, [" Hz", " kHz", " MHz", " GHz"], decimals);
    case "celsius": return fixed(v, decimals) + "°C";
    case "dateTimeAsIso": return new Date(v).toISOString();
    case "locale": return v.toLocaleString();
    case "string": return String(v);
    default:
      if (u.startsWith("suffix:")) return fixed(v, decimals) + u.slice(7);
      if (u.startsWith("prefix:")) return u.slice(7) + fixed(v, decimals);
      if (u.startsWith("currency")) return fixed(v, decimals ?? 2) + " " + u.slice(8);
      return formatShared(v, "short", decimals ?? 2);
  }
}

/** Maps an old graph panel's y-axis format to the unit id (they are the same ids; "short" when empty). */
export function unitOfGraphAxis(format: string | undefined): string {
  return format && format !== "" ? format : "short";
}
