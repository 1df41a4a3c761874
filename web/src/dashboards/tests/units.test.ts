import { formatUnit } from "../units";
import { thresholdColor, cssColor } from "../thresholds";
import { eq, test } from "./testkit";

test("formatUnit: Grafana units", () => {
  eq(formatUnit(1536, "bytes"), "1.5 KiB");
  eq(formatUnit(1500, "decbytes"), "1.5 kB");
  eq(formatUnit(0.4567, "percentunit", 1), "45.7%");
  eq(formatUnit(93.2, "percent", 0), "93%");
  eq(formatUnit(0.25, "s"), "250 ms");
  eq(formatUnit(90, "s", 1), "1.5 min");
  eq(formatUnit(1234, "ops", 1), "1.2 k ops/s");
  eq(formatUnit(2_500_000, "Bps", 1), "2.5 MB/s");
  eq(formatUnit(93784, "dtdurations"), "1d 2h");
  eq(formatUnit(12345, "short"), "12.3 K");
  eq(formatUnit(3, "short", 2), "3.00");
  eq(formatUnit(null, "short"), "No data");
  eq(formatUnit(Infinity, "s"), "+Inf");
});

test("thresholdColor: last step at or below the value; percentage mode", () => {
  const steps = [{ color: "green", value: null }, { color: "orange", value: 70 }, { color: "red", value: 90 }];
  eq([thresholdColor(10, steps), thresholdColor(70, steps), thresholdColor(95, steps)], [cssColor("green"), cssColor("orange"), cssColor("red")]);
  eq(thresholdColor(0.95, steps, 1, 0, "percentage"), cssColor("red"));
  eq(cssColor("#123456"), "#123456");
});
