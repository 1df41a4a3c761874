// Builds the Argus web UI into web/dist, which src/Argus/Argus.csproj embeds as resources named ui/<path>.
//   1. tsc --noEmit (strict type-check; esbuild only strips types),
//   2. esbuild bundles src/main.ts plus every src/**/*.page.ts (pages register themselves, see src/README.md) into
//      content-hashed, minified files with source maps under dist/assets/: app-HASH.js, and chunk-HASH.js for what pages
//      import() on demand (the explorer's CodeMirror editor stays off the dashboards' path),
//   3. writes dist/index.html pointing at the hashed names, with the <!--argus:bootstrap--> marker where the server
//      writes the data the page would fetch first (src/Argus/Serve/Ui/IndexPage.cs, src/shell/bootstrap.ts),
//   4. writes .gz and .br beside every text asset so the server sends them without compressing per request.
// Usage: node build.mjs [--no-check]
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = dirname(fileURLToPath(import.meta.url));
const src = join(root, "src");
const dist = join(root, "dist");

function walk(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

if (!process.argv.includes("--no-check")) {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  try {
    execFileSync(process.execPath, [tsc, "--noEmit", "-p", root], { stdio: "inherit" });
  } catch {
    console.error("web/build.mjs: TypeScript type-check failed (see the errors above)");
    process.exit(1);
  }
}

// Pages are discovered, not listed: a helper adding src/<area>/<name>.page.ts needs no edit to a shared file.
const pages = walk(src).filter(p => p.endsWith(".page.ts")).map(p => "./" + relative(src, p).replaceAll("\\", "/"));
const entry = [`import "./main";`, ...pages.map(p => `import ${JSON.stringify(p)};`), `import { start } from "./shell/app";`, `start();`].join("\n");

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, "assets"), { recursive: true });
const result = await build({
  stdin: { contents: entry, resolveDir: src, sourcefile: "entry.ts", loader: "ts" },
  bundle: true,
  minify: true,
  sourcemap: "linked",
  format: "esm",
  splitting: true,
  target: ["es2022", "chrome110", "firefox110", "safari16"],
  outdir: join(dist, "assets"),
  entryNames: "app-[hash]",
  chunkNames: "chunk-[hash]",
  assetNames: "[name]-[hash]",
  metafile: true,
  logLevel: "warning",
  legalComments: "linked",
});

const distPath = p => relative(join(dist), join(root, p)).replaceAll("\\", "/");
const outputs = Object.keys(result.metafile.outputs).map(distPath);
const entryOut = Object.entries(result.metafile.outputs).find(([p, o]) => p.endsWith(".js") && o.entryPoint !== undefined);
const js = entryOut ? distPath(entryOut[0]) : undefined;
const css = outputs.find(p => p.endsWith(".css") && p.includes("/app-"));
// Chunks the entry imports statically: preloaded beside it, so the browser fetches them at once instead of after parsing it.
const preload = (entryOut?.[1].imports ?? []).filter(i => i.kind === "import-statement").map(i => distPath(i.path));
if (!js) throw new Error("web/build.mjs: esbuild produced no JavaScript bundle");

const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="dark light">
<title>Argus</title>
<link rel="icon" href="data:,">
${css ? `<link rel="stylesheet" href="/${css}">` : ""}
${preload.map(p => `<link rel="modulepreload" href="/${p}">`).join("\n")}
<script>try{var t=localStorage.getItem("argus.theme");if(t)document.documentElement.dataset.theme=t}catch(e){}</script>
</head>
<body>
<div id="app"></div>
<!--argus:bootstrap-->
<script type="module" src="/${js}"></script>
</body>
</html>
`;
writeFileSync(join(dist, "index.html"), html);

for (const file of walk(dist)) {
  if (!/\.(js|css|html|map|txt)$/.test(file)) continue;
  const bytes = readFileSync(file);
  if (bytes.length < 1024) continue;
  writeFileSync(file + ".gz", gzipSync(bytes, { level: 9 }));
  writeFileSync(file + ".br", brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
}
const size = statSync(join(dist, js)).size;
const chunks = outputs.filter(p => /\/chunk-[^/]*\.js$/.test(p))
  .map(p => `dist/${p} (${(statSync(join(dist, p)).size / 1024).toFixed(0)} KiB${preload.includes(p) ? ", preloaded" : ", on demand"})`);
console.log(`web/build.mjs: dist/${js} (${(size / 1024).toFixed(0)} KiB)${css ? `, dist/${css}` : ""}, ${pages.length} pages` +
            (chunks.length ? `; chunks: ${chunks.join(", ")}` : ""));
if (!existsSync(join(dist, "index.html"))) process.exit(1);
