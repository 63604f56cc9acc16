// Images of the widgets, made in the page alone (an offline page has no kernel): SVG text
// written with every user string escaped, the theme's colours resolved, SVG -> PNG on a
// canvas, and a download with no network.

import { formatNumber } from "./format";
import { t, type Lang } from "./i18n";

/** Markup this module wrote: user text only reaches it through `xmlText`. */
export type Markup = string & { readonly __markup: true };

export interface SvgImage {
  svg: string;
  width: number;
  height: number;
}

/** Text width in px at a font size (bold or not), in FONT_STACK. */
export type Measure = (text: string, size: number, bold?: boolean) => number;

/** Generic families only: an image opened elsewhere finds a font, and nothing is fetched. */
export const FONT_STACK = "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, \"Liberation Sans\", sans-serif";

// Characters XML 1.0 cannot hold, even escaped (C0 controls but tab, LF, CR; lone surrogates;
// U+FFFE, U+FFFF): left in, they make the whole image unreadable.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text an XML document can hold, with the characters it cannot hold dropped. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, "");
}

/** Text as character data or an attribute value: nothing in it can open or close markup. */
export function xmlText(text: string): Markup {
  return xmlSafe(text).replace(/[&<>"'\t\n\r]/g, (c) => ESCAPES.get(c) ?? c) as Markup;
}

const ESCAPES = new Map([
  ["&", "&amp;"], ["<", "&lt;"], [">", "&gt;"], ["\"", "&quot;"], ["'", "&apos;"],
  ["\t", "&#9;"], ["\n", "&#10;"], ["\r", "&#13;"],
]);

/** A number as an attribute: two decimals at most, so the text stays small. */
export function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? "0" : String(r);
}

type AttrValue = string | number | null | undefined | false;

/**
 * An element: `name` and attribute names are this package's own; values are escaped;
 * children are markup made here (a string of user text is refused by the type).
 */
export function tag(name: string, attrs: Record<string, AttrValue>, ...children: Markup[]): Markup {
  let out = `<${name}`;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    out += ` ${key}="${typeof value === "number" ? num(value) : xmlText(value)}"`;
  }
  return (children.length === 0 ? `${out}/>` : `${out}>${children.join("")}</${name}>`) as Markup;
}

/** A whole SVG document of `width` × `height` px. */
export function svgDocument(width: number, height: number, label: string, ...children: Markup[]): SvgImage {
  const w = Math.ceil(width);
  const h = Math.ceil(height);
  const svg = tag("svg", {
    xmlns: "http://www.w3.org/2000/svg", width: w, height: h, viewBox: `0 0 ${w} ${h}`,
    role: "img", "aria-label": label, "font-family": FONT_STACK,
  }, tag("title", {}, xmlText(label)), ...children);
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${svg}`, width: w, height: h };
}

/** A rough width for where no canvas measures (tests in node). */
export const roughMeasure: Measure = (text, size, bold = false) => [...text].length * size * (bold ? 0.6 : 0.55);

/** Widths measured on a canvas in FONT_STACK, cached; rough where no canvas exists. */
export function canvasMeasure(): Measure {
  const context = typeof document === "undefined" ? null : document.createElement("canvas").getContext("2d");
  if (!context) return roughMeasure;
  const known = new Map<string, number>();
  return (text, size, bold = false) => {
    const key = `${size}${bold ? "b" : ""}\u0000${text}`;
    let width = known.get(key);
    if (width === undefined) {
      context.font = `${bold ? "700 " : ""}${size}px ${FONT_STACK}`;
      width = context.measureText(text).width;
      known.set(key, width);
    }
    return width;
  };
}

/**
 * Lines of at most `width` px: words wrap, a word wider than the line breaks anywhere (as
 * the map's cells do), newlines start a line; past `maxLines` the last line ends with "…".
 */
export function wrapText(text: string, width: number, measure: Measure, size: number, bold = false, maxLines = 30): string[] {
  const fits = (t: string) => measure(t, size, bold) <= width;
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = "";
    for (const word of paragraph.split(/[ \t]+/).filter((w) => w !== "")) {
      const joined = line === "" ? word : `${line} ${word}`;
      if (fits(joined)) {
        line = joined;
        continue;
      }
      if (line !== "") lines.push(line);
      line = "";
      // A word too long for a line of its own is cut into pieces that fit.
      let rest = word;
      while (!fits(rest)) {
        const chars = [...rest];
        let take = chars.length - 1;
        while (take > 1 && !fits(chars.slice(0, take).join(""))) take--;
        lines.push(chars.slice(0, take).join(""));
        rest = chars.slice(take).join("");
      }
      line = rest;
    }
    lines.push(line);
  }
  while (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  while (last !== "" && !fits(`${last}\u2026`)) last = [...last].slice(0, -1).join("");
  kept[maxLines - 1] = `${last}\u2026`;
  return kept;
}

/** The widgets' colours (theme.css), resolved at export time from the view's CSS variables. */
export interface Theme {
  fg: string;
  fgMuted: string;
  bg: string;
  bgAlt: string;
  border: string;
  accent: string;
  positive: string;
  negative: string;
  warn: string;
  card: string;
}

/** theme.css's fallbacks: the light theme outside JupyterLab. */
export const LIGHT: Theme = {
  fg: "#1f2328", fgMuted: "#57606a", bg: "#ffffff", bgAlt: "#f3f4f6", border: "#d0d7de",
  accent: "#1f6feb", positive: "#1a7f37", negative: "#cf222e", warn: "#9a6700", card: "#ffffff",
};

const VARIABLES: [keyof Theme, string][] = [
  ["fg", "--cjm-fg"], ["fgMuted", "--cjm-fg-muted"], ["bg", "--cjm-bg"], ["bgAlt", "--cjm-bg-alt"],
  ["border", "--cjm-border"], ["accent", "--cjm-accent"], ["positive", "--cjm-positive"],
  ["negative", "--cjm-negative"], ["warn", "--cjm-warn"], ["card", "--cjm-card"],
];

/**
 * A CSS colour as a canvas writes it back (#rrggbb or rgba()), so any syntax the page
 * understands (names, color-mix) becomes one every SVG reader does; null if not a colour.
 */
export function resolveColour(value: string, context: CanvasRenderingContext2D | null): string | null {
  const v = value.trim();
  if (v === "") return null;
  if (!context) return /^#[0-9a-f]{3,8}$|^rgba?\([0-9., %]+\)$/i.test(v) ? v : null;
  for (const probe of ["#010203", "#030201"]) {
    context.fillStyle = probe;
    context.fillStyle = v;
    if (context.fillStyle !== probe) return String(context.fillStyle);
  }
  return null;
}

/** Whether a resolved colour is see-through (a page background shows instead). */
const transparent = (c: string) => /^rgba\(.*,\s*0(\.0*)?\)$/.test(c) || c === "transparent";

/** The view's colours now (light or dark theme); a colour that cannot be read keeps LIGHT's. */
export function readTheme(root: Element): Theme {
  const style = getComputedStyle(root);
  const context = document.createElement("canvas").getContext("2d");
  const theme = { ...LIGHT };
  for (const [key, variable] of VARIABLES) {
    const colour = resolveColour(style.getPropertyValue(variable), context);
    if (colour && !transparent(colour)) theme[key] = colour;
  }
  return theme;
}

/** The largest side and area a canvas takes in the browsers we know (Chromium, Firefox). */
const MAX_SIDE = 32_767;
const MAX_AREA = 268_435_456;

/** The scale a PNG is drawn at: `wanted` (2 for sharp text), less if the canvas would be too big. */
export function pngScale(width: number, height: number, wanted = 2): number {
  return Math.min(wanted, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height)));
}

/** Below this scale a PNG's text is too small to read: such an image is refused. */
export const MIN_PNG_SCALE = 0.5;

/** Why a PNG of this size would be unreadable, or null when it can be drawn. */
export function pngRefusal(width: number, height: number, lang: Lang = "en"): string | null {
  const scale = pngScale(width, height);
  if (scale >= MIN_PNG_SCALE) return null;
  return t(lang, "image.too_large", {
    width: formatNumber(Math.round(width), lang), height: formatNumber(Math.round(height), lang), percent: Math.round(scale * 100),
  });
}

/** An SVG image drawn on a canvas at 2× (less for a huge map), as a PNG. */
export async function svgToPng(image: SvgImage, wanted = 2, lang: Lang = "en"): Promise<Blob> {
  const refusal = pngRefusal(image.width, image.height, lang);
  if (refusal) throw new Error(refusal);
  const picture = new Image();
  picture.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(image.svg)}`;
  await picture.decode();
  const scale = pngScale(image.width, image.height, wanted);
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.floor(image.width * scale));
  canvas.height = Math.max(1, Math.floor(image.height * scale));
  const context = canvas.getContext("2d");
  if (!context) throw new Error(t(lang, "image.no_canvas"));
  context.drawImage(picture, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob(
    (blob) => (blob ? resolve(blob) : reject(new Error(t(lang, "image.no_encoding")))), "image/png"));
}

export function svgBlob(image: SvgImage): Blob {
  return new Blob([image.svg], { type: "image/svg+xml" });
}

/** Save a blob as a file through the browser's own download (a Blob URL: no network). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A blob's bytes as base64 text (for a message to the kernel). */
export async function blobBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A file name from the widget's title (characters file systems refuse dropped), else `fallback`. */
export function fileName(title: string, fallback: string, suffix: "svg" | "png"): string {
  const base = xmlSafe(title).replace(/[\\/:*?"<>|\u0000-\u001F\u007F]+/g, " ").replace(/\s+/g, " ").trim()
    .replace(/^[.\s]+/, "").slice(0, 80).trim();
  return `${/[^.\s]/.test(base) ? base : fallback}.${suffix}`;
}

/** The `title` trait when it is non-empty text. */
export function titleOf(value: unknown): string {
  return typeof value === "string" && value.trim() !== "" ? value : "";
}
