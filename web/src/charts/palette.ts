// Series colours: Grafana's classic palette first (familiar to users of the dashboards Argus imports), then hues spread by
// the golden angle so any number of series stays distinguishable.

const classic = [
  "#7EB26D", "#EAB839", "#6ED0E0", "#EF843C", "#E24D42", "#1F78C1", "#BA43A9", "#705DA0", "#508642", "#CCA300",
  "#447EBC", "#C15C17", "#890F02", "#0A437C", "#6D1F62", "#584477", "#B7DBAB", "#F4D598", "#70DBED", "#F9BA8F",
];

export function seriesColor(index: number): string {
  if (index < classic.length) return classic[index]!;
  const hue = (index * 137.508) % 360;
  return `hsl(${hue.toFixed(1)}, 60%, 55%)`;
}

/** The colour with an alpha, for stacked fills. */
export function withAlpha(color: string, alpha: number): string {
  if (color.startsWith("#")) {
    const n = parseInt(color.slice(1), 16);
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }
  return color.replace(/^hsl\((.*)\)$/, `hsla($1, ${alpha})`);
}
