// Bundles each widget into one ESM file in cjm_widgets/static/; the CSS each
// widget imports comes out beside it (map.js + map.css, curve.js + curve.css). The page
// renderer (page.js + page.css: both widgets, read-only over a saved state) is a classic
// script, so that a page opened from file:// runs it inline with no module loading.
import * as esbuild from "esbuild";

const watch = process.argv.includes("--watch");
const options = {
  entryPoints: { map: "src/map/index.ts", curve: "src/curve/index.ts", flow: "src/flow/index.ts" },
  bundle: true,
  format: "esm",
  target: "es2020",
  minify: !watch,
  sourcemap: watch ? "inline" : false,
  outdir: "../cjm_widgets/static",
  logLevel: "warning",
};
const page = { ...options, entryPoints: { page: "src/page/index.ts" }, format: "iife" };
if (watch) {
  for (const o of [options, page]) await (await esbuild.context(o)).watch();
} else {
  await Promise.all([esbuild.build(options), esbuild.build(page)]);
}
