// Bundles each widget into one ESM file in cjm_widgets/static/; the CSS each
// widget imports comes out beside it (map.js + map.css, curve.js + curve.css).
import * as esbuild from "esbuild";

const watch = process.argv.includes("--watch");
const options = {
  entryPoints: { map: "src/map/index.ts", curve: "src/curve/index.ts" },
  bundle: true,
  format: "esm",
  target: "es2020",
  minify: !watch,
  sourcemap: watch ? "inline" : false,
  outdir: "../cjm_widgets/static",
  logLevel: "warning",
};
if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}
