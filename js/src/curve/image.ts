// The whole emotion curve (every step, not only the window the view draws) as a standalone
// SVG: drawn by draw.ts into the view for a moment so that curve.css applies, each element's
// computed colours and font inlined, then serialized (text stays text: XMLSerializer escapes).

import { svg } from "../shared/dom";
import { momentKind, momentTitle } from "../shared/format";
import { t } from "../shared/i18n";
import { FONT_STACK, readTheme, titleOf, wrapText, xmlSafe, type SvgImage, type Theme } from "../shared/image";
import type { WidgetModel } from "../shared/model";
import {
  AXIS_WIDTH, RIGHT, momentShape, renderAxis, renderExtremes, renderGrid, renderLine, renderMoments, renderStages,
  renderSteps, type Frame,
} from "./draw";
import { personaColour } from "./palette";

const MARGIN = 16;
const TITLE = 20;
const KEY = 12;

/** What curve.css sets and the image needs, read from each drawn element. */
const PROPERTIES = [
  "fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "stroke-linecap",
  "stroke-linejoin", "opacity", "font-size", "font-weight", "paint-order",
];
const SHAPES = new Set(["rect", "line", "path", "circle", "polyline", "polygon", "text"]);
/** Attributes the page needs and an image does not (and which hold user text twice). */
const DROPPED = /^(class|style|tabindex|role|aria-.*|data-.*)$/;

const text = (t: string) => document.createTextNode(t);

/** Lines of text, one <text> each, the first baseline `size` below `y`; returns the height. */
function lines(parent: SVGElement, texts: string[], y: number, size: number, attrs: Record<string, string | number>): number {
  texts.forEach((t, i) => parent.append(svg("text", { x: MARGIN, y: y + size + i * (size + 6), "font-size": size, ...attrs }, text(t))));
  return texts.length * (size + 6);
}

/**
 * The title and description, then a key of the personas' colours and of the moments' kinds;
 * returns the height used.
 */
function header(f: Frame, heading: Heading, theme: Theme, width: number, parent: SVGElement): number {
  let y = MARGIN;
  const wrap = (t: string, size: number, bold: boolean, most: number) =>
    wrapText(t, width - 2 * MARGIN, (s, px, b) => f.measure(s, b ?? false) * (px / 11), size, bold, most);
  if (heading.title !== "") y += lines(parent, wrap(heading.title, TITLE, true, 3), y, TITLE, { "font-weight": 700, fill: theme.fg }) + 4;
  if (heading.description !== "") y += lines(parent, wrap(heading.description, 13, false, 8), y, 13, { fill: theme.fgMuted }) - 2;
  const keys: [string, (x: number, y: number) => SVGElement][] = [];
  for (const line of f.lines) {
    if (line.persona === null || line.stateIndex > 0) continue;
    const colour = personaColour(line.colour);
    keys.push([line.persona, (x, ky) => svg("rect", { x, y: ky - 5, width: 18, height: 3, rx: 1.5, fill: colour })]);
  }
  // Two states: which line is which, by its stroke (as the view's legend says).
  (f.curve.state ? f.curve.states ?? [] : []).slice(0, 2).forEach((state, i) => {
    keys.push([t(f.lang, i > 0 ? "curve.key_state_dashed" : "curve.key_state_solid", { state }), (x, ky) => svg("line", {
      x1: x, x2: x + 18, y1: ky - 4, y2: ky - 4, stroke: theme.fgMuted, "stroke-width": 2.5, "stroke-dasharray": i > 0 ? "7 4" : "none",
    })]);
  });
  const kinds = new Set<string>();
  f.curve.moments?.forEach((v) => { const k = momentKind(v); if (k !== null) kinds.add(k); });
  for (const kind of [...kinds].sort()) {
    const colour = kind === "cross-journey" ? theme.negative : theme.warn;
    const hollow = momentShape(kind) === "hollow";
    keys.push([momentTitle(kind, f.lang), (x, ky) => svg("text", {
      x: x + 9, y: ky, "text-anchor": "middle", "font-size": 15, fill: hollow ? theme.bg : colour,
      stroke: hollow ? colour : "none", "stroke-width": 1.2,
    }, text("\u2605"))]);
  }
  if (f.lines.some((l) => l.points.some((p) => p.value === null))) {
    keys.push([t(f.lang, "curve.key_missing"), (x, ky) => svg("circle", {
      cx: x + 9, cy: ky - 4, r: 3.5, fill: theme.bg, stroke: theme.fgMuted, "stroke-width": 1.5,
    })]);
  }
  if (keys.length === 0) return y;
  let x = MARGIN;
  y += KEY + 4;
  for (const [label, mark] of keys) {
    const w = 24 + f.measure(label, false) * (KEY / 11) + 16;
    if (x > MARGIN && x + w > width - MARGIN) {
      x = MARGIN;
      y += KEY + 8;
    }
    parent.append(mark(x, y), svg("text", { x: x + 24, y, "font-size": KEY, fill: theme.fgMuted }, text(label)));
    x += w;
  }
  return y + 10;
}

/** Each drawn element's computed style as its own `style`, the page's attributes dropped. */
function inline(node: Element): void {
  for (const child of node.children) inline(child);
  const style = SHAPES.has(node.localName) || node.localName === "g" ? getComputedStyle(node) : null;
  const parts: string[] = [];
  if (style) {
    for (const name of node.localName === "g" ? ["opacity"] : PROPERTIES) {
      const value = style.getPropertyValue(name);
      if (value !== "" && !(name === "opacity" && value === "1")) parts.push(`${name}: ${value}`);
    }
  }
  for (const attr of [...node.attributes]) if (DROPPED.test(attr.name)) node.removeAttribute(attr.name);
  if (parts.length > 0) node.setAttribute("style", parts.join("; "));
}

interface Heading {
  title: string;
  description: string;
}

/** The whole curve of frame `f` (the view's drawing), drawn inside `root` and serialized. */
export function curveImage(f: Frame, root: HTMLElement, heading: Heading): SvgImage {
  const theme = readTheme(root);
  const whole: Frame = { ...f, drawn: [0, f.layout.steps.length] };
  const plotWidth = Math.round(whole.left + whole.width + RIGHT);
  const width = Math.ceil(2 * MARGIN + AXIS_WIDTH + plotWidth);
  const out = svg("svg", { xmlns: "http://www.w3.org/2000/svg", "font-family": FONT_STACK });
  const background = svg("rect", { x: 0, y: 0, width: "100%", height: "100%", fill: theme.bg });
  out.append(svg("title", {}, text(heading.title || t(f.lang, "curve.name"))), background);
  const top = header(whole, heading, theme, width, out);
  const [bands, names] = renderStages(whole);
  const moments = renderMoments(whole);
  out.append(
    svg("g", { transform: `translate(${MARGIN} ${top})` }, ...renderAxis(whole)),
    svg("g", { transform: `translate(${MARGIN + AXIS_WIDTH} ${top})` }, bands, names, renderGrid(whole), moments.g,
      ...whole.lines.map((line) => renderLine(whole, line)), renderExtremes(whole, moments.boxes, plotWidth), renderSteps(whole)),
  );
  const height = Math.ceil(top + whole.height + MARGIN);
  for (const [name, value] of [["width", width], ["height", height], ["viewBox", `0 0 ${width} ${height}`]] as const) {
    out.setAttribute(name, String(value));
  }
  // In the view (off screen) for a moment: curve.css styles the view's descendants only.
  const holder = document.createElement("div");
  holder.setAttribute("aria-hidden", "true");
  Object.assign(holder.style, { position: "absolute", left: "-100000px", top: "0", width: `${width}px`, overflow: "hidden" });
  holder.append(out);
  root.append(holder);
  try {
    inline(out);
  } finally {
    holder.remove();
  }
  // A step name may hold characters XML cannot; the serializer would write them as they are.
  const walker = document.createTreeWalker(out, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) node.nodeValue = xmlSafe(node.nodeValue ?? "");
  const markup = new XMLSerializer().serializeToString(out);
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${markup}`, width, height };
}

/** The image of what a curve view shows: its frame, the model's title and description. */
export function curveViewImage(f: Frame, root: HTMLElement, model: WidgetModel): SvgImage {
  return curveImage(f, root, { title: titleOf(model.get("title")), description: titleOf(model.get("description")) });
}
