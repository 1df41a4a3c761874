// Runs the dashboards' unit tests (src/dashboards/tests/*.test.ts) in node: esbuild bundles them into one ES module in
// a temporary directory, which registers its cases in globalThis.__argusDashTests; each case runs and the process exits
// non-zero on any failure. Usage (from web/): node src/dashboards/run-tests.mjs
import { build } from "esbuild";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const testsDir = join(here, "tests");
const files = readdirSync(testsDir).filter(f => f.endsWith(".test.ts")).sort();
const out = mkdtempSync(join(tmpdir(), "argus-dash-tests-"));
try {
  await build({
    stdin: { contents: files.map(f => `import ${JSON.stringify("./" + f)};`).join("\n"), resolveDir: testsDir, loader: "ts" },
    bundle: true, platform: "node", format: "esm", outfile: join(out, "tests.mjs"), logLevel: "warning",
    loader: { ".css": "empty" },
  });
  await import(pathToFileURL(join(out, "tests.mjs")).href);
} finally {
  rmSync(out, { recursive: true, force: true });
}
let failed = 0;
for (const t of globalThis.__argusDashTests ?? []) {
  try {
    await t.fn();
    console.log(`ok   ${t.name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${t.name}\n     ${String(e?.stack ?? e).split("\n").slice(0, 3).join("\n     ")}`);
  }
}
const total = (globalThis.__argusDashTests ?? []).length;
console.log(`${total - failed}/${total} passed`);
process.exit(failed > 0 || total === 0 ? 1 : 0);
