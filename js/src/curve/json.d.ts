// JSON files bundled by esbuild: the persona palette shared with Python (cjm_widgets/palette.json).
declare module "*.json" {
  const value: unknown;
  export default value;
}
