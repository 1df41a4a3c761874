// Unit tests of the UI's pure modules (routes, time ranges, Prometheus link form, matchers) under node's test runner:
// esbuild bundles every src/**/*.test.ts into a temporary directory, then `node --test` runs them.
// Usage: node test.mjs   (the .NET suite runs it too: tests/Argus.Tests/Serve/Ui/WebUnitTests.cs)
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const src = join(root, "src");
const walk = (dir, out = []) => {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith(".test.ts")) out.push(p);
  }
  return out;
};
const tests = walk(src);
const out = mkdtempSync(join(tmpdir(), "argus-web-test-"));
try {
  await build({
    entryPoints: Object.fromEntries(tests.map(t => [relative(src, t).replace(/\.ts$/, "").replaceAll("\\", "/"), t])),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node18",
    outdir: out,
    outExtension: { ".js": ".mjs" },
    logLevel: "warning",
  });
  const files = readdirSync(out, { recursive: true }).map(String).filter(f => f.endsWith(".mjs")).map(f => join(out, f));
  const r = spawnSync(process.execPath, ["--test", ...files], { stdio: "inherit" });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
