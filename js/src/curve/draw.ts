// SVG for one drawing of the curve: axis, stages, grid, moments, lines, labels, step names.

import { el, svg } from "../shared/dom";
import { formatEmotion } from "../shared/format";
import { keyTitle } from "../shared/shortcuts";
import { t, type Lang } from "../shared/i18n";
import {
  extremes,
  intervalPaths,
  linePaths,
  linesDiffer,
  type CurveLayout,
  type LineKind,
  type LinePoint,
  type PersonaLine,
  type PositionRange,
  type YScale,
} from "./geometry";
import { LINE_HEIGHT, placeLabels, wrapName, type Box, type StepLabelLayout } from "./labels";
import { personaColour } from "./palette";
import { momentKind, momentTitle } from "../shared/format";
import type { Curve } from "./wire";

/** The scale's top and bottom; the x axis (step names) starts at AXIS_Y. */
export const TOP = 68;
export const BOTTOM = 240;
/** Room between the scale's ends and the ★ row or the axis: where extreme labels go. */
export const AXIS_Y = BOTTOM + 22;
export const AXIS_WIDTH = 120;
export const RIGHT = 16;
/** Where stage names end and the ★ of moments of truth sit. */
const STAGE_ROW = 20;
const STAR_Y = 34;
const POINT_R = 5;
/** A step with no value yet: a small hollow mark on the x axis's baseline, off the scale. */
const MISSING_R = 3.5;
export const MISSING_Y = AXIS_Y - MISSING_R - 1;
/** Px between personas' whiskers (or no-value marks) at one step. */
export const DODGE = 8;
/** Extreme labels: 11px bold text in a box this tall, its baseline this far below the top. */
const LABEL_HEIGHT = 15;
const LABEL_BASELINE = 11;
/** The n label's offset right of its point. */
const N_DX = 7;
/** A label farther than this (px) from its point gets a leader line to it. */
const LEADER = 10;
/** How far (px) from a point a press still grabs it. */
const REACH = 16;

/** Everything one drawing needs, read once per draw. */
export interface Frame {
  curve: Curve;
  layout: CurveLayout;
  lines: PersonaLine[];
  kind: LineKind;
  scale: YScale;
  /** Pixels per step, pixels before the first step, width of all steps. */
  step: number;
  left: number;
  width: number;
  drawn: PositionRange;
  names: StepLabelLayout;
  /** Height of the plot: the scale, then room for the step names. */
  height: number;
  /** Text width in px (11px; bold for the extreme labels). */
  measure: (text: string, bold: boolean) => number;
  /** Px aside a line's whisker, and its no-value mark, sit where other personas' share the step. */
  whiskerDx: (line: number, position: number) => number;
  missingDx: (line: number, position: number) => number;
  /** The language of the drawing's words and numbers. */
  lang: Lang;
}

export const xOf = (f: Frame, position: number): number => f.left + f.step * (position + 0.5);

export const inView = (f: Frame, position: number): boolean => position >= f.drawn[0] && position < f.drawn[1];

export function editable(f: Frame, p: LinePoint): boolean {
  return f.kind === "assumed" || !p.measured;
}

export function short(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}\u2026` : text;
}

const textNode = (t: string) => document.createTextNode(t);

export function renderLegend(f: Frame): Node[] {
  const items: Node[] = [];
  for (const line of f.lines) {
    if (line.persona === null || line.stateIndex > 0) continue; // one key per persona
    items.push(el("span", { class: "cjm-key", style: `--cjm-line: ${personaColour(line.colour)}` },
      el("span", { class: "cjm-swatch", "aria-hidden": "true" }), line.persona));
  }
  // Two states: which line is which, by its stroke (current solid, future dashed).
  (f.curve.state ? f.curve.states ?? [] : []).slice(0, 2).forEach((state, i) => {
    items.push(el("span", { class: "cjm-key cjm-key-state" },
      el("span", { class: `cjm-state-key${i > 0 ? " is-future" : ""}`, "aria-hidden": "true" }),
      t(f.lang, i > 0 ? "curve.key_state_dashed" : "curve.key_state_solid", { state })));
  });
  if (f.lines.some((line) => linePaths(line.points, (i) => i, (v) => v, () => true).dotted !== "")) {
    items.push(el("span", { class: "cjm-key cjm-key-gap" },
      el("span", { class: "cjm-gap-key", "aria-hidden": "true" }), t(f.lang, "curve.key_gap")));
  }
  // The kinds of moment of truth drawn, each ★ as drawn, so the shapes and colours read.
  const kinds = new Set<string>();
  f.curve.moments?.forEach((v) => { const k = momentKind(v); if (k !== null) kinds.add(k); });
  for (const kind of [...kinds].sort()) {
    items.push(el("span", { class: "cjm-key cjm-key-moment" },
      el("span", { class: "cjm-moment-key", "data-moment": kind, "data-shape": momentShape(kind), "aria-hidden": "true" }, "\u2605"),
      momentTitle(kind, f.lang)));
  }
  if (f.lines.some((l) => l.points.some((p) => p.value === null))) {
    items.push(el("span", { class: "cjm-key" }, el("span", { class: "cjm-missing-key", "aria-hidden": "true" }), t(f.lang, "curve.key_missing")));
  }
  if (f.curve.evidence) {
    const key = (cls: string, label: string, extra = "") =>
      el("span", { class: `cjm-key${extra}` }, el("span", { class: cls, "aria-hidden": "true" }), label);
    items.push(key("cjm-dot-key is-measured", t(f.lang, "curve.key_measured"), " cjm-key-measured"));
    items.push(key("cjm-dot-key", t(f.lang, "curve.key_assumed"), " cjm-key-assumed"));
    items.push(key("cjm-interval-key", t(f.lang, "curve.key_interval")));
    items.push(key("cjm-ghost-key", t(f.lang, f.kind === "measured" ? "curve.key_ghost_assumed" : "curve.key_ghost_measured")));
  }
  return items;
}

export function renderAxis(f: Frame): SVGElement[] {
  const nodes: SVGElement[] = [];
  for (const [value, label] of f.curve.ticks) {
    const y = f.scale.y(value);
    nodes.push(svg("text", { class: "cjm-tick", x: AXIS_WIDTH - 8, y: y + 4, "text-anchor": "end" },
      textNode(short(label ?? formatEmotion(value, f.lang), 18))));
  }
  nodes.push(svg("line", { class: "cjm-axis-line", x1: AXIS_WIDTH - 2, x2: AXIS_WIDTH - 2, y1: TOP, y2: BOTTOM }));
  return nodes;
}

/** Stage bands (drawn first) and stage names (drawn over the selection). */
export function renderStages(f: Frame): [SVGGElement, SVGGElement] {
  const g = svg("g", { class: "cjm-stages" });
  const names = svg("g", { class: "cjm-stage-names" });
  f.layout.stages.forEach((stage, i) => {
    const x = f.left + stage.start * f.step;
    const w = stage.count * f.step;
    g.append(
      svg("rect", { class: i % 2 ? "cjm-stage-band is-odd" : "cjm-stage-band", x, y: 0, width: w, height: AXIS_Y }),
      svg("line", { class: "cjm-stage-edge", x1: x, x2: x, y1: 0, y2: AXIS_Y }),
    );
    names.append(svg("text", { class: "cjm-stage-name", x: x + 6, y: 16 },
      svg("title", {}, textNode(stage.name)), textNode(short(stage.name, Math.max(3, Math.floor(w / 7.5))))));
  });
  const end = f.left + f.width;
  g.append(svg("line", { class: "cjm-stage-edge", x1: end, x2: end, y1: 0, y2: AXIS_Y }));
  return [g, names];
}

export function renderGrid(f: Frame): SVGGElement {
  const g = svg("g", { class: "cjm-grid-lines" });
  const [x1, x2] = [f.left, f.left + f.width];
  for (const [value] of f.curve.ticks) {
    const y = f.scale.y(value);
    g.append(svg("line", { class: "cjm-gridline", x1, x2, y1: y, y2: y }));
  }
  const [lo, hi] = f.curve.scale;
  if (lo < 0 && hi > 0) {
    const y = f.scale.y(0);
    g.append(svg("line", { class: "cjm-neutral-line", x1, x2, y1: y, y2: y }));
  }
  return g;
}

/** The ★ of each moment of truth in view, and the boxes labels must keep clear of. */
export function renderMoments(f: Frame): { g: SVGGElement; boxes: Box[] } {
  const g = svg("g", { class: "cjm-moments" });
  const boxes: Box[] = [];
  const moments = f.curve.moments;
  if (!moments) return { g, boxes };
  const seen = new Set<number>();
  moments.forEach((value, row) => {
    const kind = momentKind(value);
    const position = f.layout.positionOfRow[row];
    if (kind === null || seen.has(position) || !inView(f, position)) return;
    seen.add(position);
    const x = xOf(f, position);
    const shape = momentShape(kind);
    g.append(svg("line", { class: "cjm-moment-rule", x1: x, x2: x, y1: STAR_Y - 4, y2: BOTTOM, "data-moment": kind }));
    // A cross-journey moment is ringed: its kind shows by shape as well as by colour.
    if (shape === "ringed") g.append(svg("circle", { class: "cjm-moment-ring", cx: x, cy: STAR_Y - 5, r: 8.5, "data-moment": kind }));
    g.append(svg("text", {
      class: "cjm-moment", x, y: STAR_Y, "text-anchor": "middle", "data-moment": kind, "data-shape": shape, "data-position": position,
    }, svg("title", {}, textNode(`${momentTitle(kind, f.lang)} \u2014 ${f.layout.steps[position].step}`)), textNode("\u2605")));
    boxes.push({ x: x - 8, y: STAR_Y - 14, width: 16, height: 18 });
  });
  return { g, boxes };
}

/**
 * How a moment of truth's ★ is drawn, by kind (colours as the map's, see curve.css): a
 * cross-journey one ringed, a plain one (no kind stated) hollow, a one-off (or any other
 * kind) filled.
 */
export function momentShape(kind: string): "ringed" | "hollow" | "filled" {
  return kind === "cross-journey" ? "ringed" : kind === "moment" ? "hollow" : "filled";
}

function valueText(f: Frame, p: LinePoint): string {
  const parts: string[] = [];
  const measured = p.measured && f.kind === "measured";
  if (p.value === null) parts.push(t(f.lang, "curve.no_value"));
  else {
    const value = formatEmotion(p.value, f.lang);
    parts.push(f.curve.evidence ? t(f.lang, measured ? "curve.value_measured" : "curve.value_assumed", { value }) : value);
  }
  if (p.measured && p.n !== null) parts.push(`n = ${p.n}`);
  return parts.join(", ");
}

/**
 * A point's y: its value; a step with no value yet sits on the x axis's baseline, below the
 * scale, so that it never reads as a value (the neutral line would say "0").
 */
export const pointY = (f: Frame, p: LinePoint): number => (p.value === null ? MISSING_Y : f.scale.y(p.value));

/** A point's x: its step's, a no-value mark moved aside where another persona's shares it. */
export const pointX = (f: Frame, line: number, p: LinePoint): number =>
  xOf(f, p.position) + (p.value === null ? f.missingDx(line, p.position) : 0);

/** The solid (measured, or no evidence at all) and dashed parts of a line. */
export function paths(f: Frame, points: LinePoint[]): { solid: string; dashed: string; dotted: string } {
  const hasEvidence = f.curve.evidence !== null;
  return linePaths(points, (i) => xOf(f, i), f.scale.y, (a, b) => !hasEvidence || (a.measured && b.measured), f.drawn);
}

export function renderLine(f: Frame, line: PersonaLine): SVGGElement {
  const c = f.curve;
  const g = svg("g", {
    class: `cjm-line${line.stateIndex > 0 ? " is-future" : ""}`, "data-line": line.index, "data-state": line.state,
    style: `--cjm-line: ${personaColour(line.colour)}`,
  });
  const x = (i: number) => xOf(f, i);
  const hasEvidence = c.evidence !== null;
  if (hasEvidence) {
    const dx = (position: number) => f.whiskerDx(line.index, position);
    for (const bar of intervalPaths(line.points, x, f.scale.y, f.drawn, dx)) {
      g.append(svg("path", { class: "cjm-interval", d: bar.d, "data-id": bar.id, "data-position": bar.position }));
    }
    if (linesDiffer(line.points)) {
      const measured = f.kind === "measured";
      const ghost = line.points.map((p) => ({ ...p, value: measured ? p.assumed : p.measured ? p.mean : p.assumed }));
      g.append(svg("path", { class: "cjm-ghost", d: linePaths(ghost, x, f.scale.y, () => true, f.drawn).solid }));
    }
  }
  const { solid, dashed, dotted } = paths(f, line.points);
  if (dotted) g.append(svg("path", { class: "cjm-path is-gap", d: dotted }));
  if (dashed) g.append(svg("path", { class: "cjm-path is-assumed", d: dashed }));
  if (solid) g.append(svg("path", { class: "cjm-path", d: solid }));
  const who = (line.persona === null ? "" : `, ${line.persona}`) + (line.state === null ? "" : `, ${line.state}`);
  const [lo, hi] = c.scale;
  for (const p of line.points) {
    if (!inView(f, p.position)) continue;
    const missing = p.value === null;
    const [cx, cy] = [pointX(f, line.index, p), pointY(f, p)];
    const measured = hasEvidence && p.measured;
    const cls = "cjm-point" + (missing ? " is-missing" : measured ? " is-measured" : hasEvidence ? " is-assumed" : "")
      + (editable(f, p) ? "" : " is-locked");
    g.append(svg("circle", {
      class: cls, cx, cy, r: missing ? MISSING_R : POINT_R, tabindex: -1, role: "slider", "aria-orientation": "vertical",
      "aria-label": `${c.step[p.row]}, ${c.stage[p.row]}${who}`,
      "aria-valuemin": lo, "aria-valuemax": hi, "aria-valuenow": missing ? null : p.value,
      "aria-valuetext": valueText(f, p),
      "aria-readonly": editable(f, p) ? null : "true",
      "data-id": p.id, "data-line": line.index, "data-position": p.position,
    }));
    if (measured && p.n !== null && f.step >= 28) {
      // Up and to the right of the point, clear of its interval's whisker.
      g.append(svg("text", { class: "cjm-n", x: cx + Math.max(0, f.whiskerDx(line.index, p.position)) + N_DX, y: cy - 6, "aria-hidden": "true" },
        textNode(`n=${p.n}`)));
    }
  }
  return g;
}

/** Update one drawn point and its line in place (a drag's preview); false if it cannot. */
export function movePoint(f: Frame, g: SVGGElement, line: PersonaLine, p: LinePoint): boolean {
  const dot = g.querySelector<SVGCircleElement>(`circle[data-id="${p.id}"]`);
  const solid = g.querySelector<SVGPathElement>("path.cjm-path:not(.is-assumed):not(.is-gap)");
  const dashed = g.querySelector<SVGPathElement>("path.cjm-path.is-assumed");
  const dotted = g.querySelector<SVGPathElement>("path.cjm-path.is-gap");
  const d = paths(f, line.points);
  if (!dot || (d.solid && !solid) || (d.dashed && !dashed) || (d.dotted && !dotted) || p.value === null) return false;
  dot.setAttribute("cx", String(xOf(f, p.position)));
  dot.setAttribute("cy", String(f.scale.y(p.value)));
  dot.setAttribute("r", String(POINT_R));
  dot.setAttribute("aria-valuenow", String(p.value));
  dot.setAttribute("aria-valuetext", valueText(f, p));
  dot.classList.remove("is-missing");
  solid?.setAttribute("d", d.solid);
  dashed?.setAttribute("d", d.dashed);
  dotted?.setAttribute("d", d.dotted);
  return true;
}

/** Boxes of the drawn points and their n labels: what the extreme labels must not cover. */
function pointBoxes(f: Frame): Box[] {
  const boxes: Box[] = [];
  const reach = POINT_R + 2;
  for (const line of f.lines) {
    for (const p of line.points) {
      if (!inView(f, p.position)) continue;
      const [x, y] = [pointX(f, line.index, p), pointY(f, p)];
      boxes.push({ x: x - reach, y: y - reach, width: 2 * reach, height: 2 * reach });
      if (f.curve.evidence && p.measured && p.n !== null && f.step >= 28) {
        const w = f.measure(`n=${p.n}`, false) * (10 / 11);
        boxes.push({ x: x + Math.max(0, f.whiskerDx(line.index, p.position)) + N_DX, y: y - 15, width: w, height: 12 });
      }
    }
  }
  return boxes;
}

/**
 * "highest:" and "lowest:" labels of each line, placed clear of the ★ marks, the points,
 * each other and the axes (the plot's edges and the step names below it).
 */
export function renderExtremes(f: Frame, moments: Box[], plotWidth: number): SVGGElement {
  const g = svg("g", { class: "cjm-extremes" });
  const wanted: { line: PersonaLine; p: LinePoint; end: "highest" | "lowest"; text: string }[] = [];
  for (const line of f.lines) {
    const ends = extremes(line.points);
    if (!ends) continue;
    for (const [p, end] of [[ends.high, "highest"], [ends.low, "lowest"]] as const) {
      if (inView(f, p.position)) wanted.push({ line, p, end, text: t(f.lang, `curve.${end}`, { step: short(f.curve.step[p.row], 28) }) });
    }
  }
  const requests = wanted.map((w) => ({
    x: xOf(f, w.p.position), y: pointY(f, w.p), width: Math.ceil(f.measure(w.text, true)) + 2, height: LABEL_HEIGHT,
    prefer: w.end === "highest" ? "above" as const : "below" as const,
  }));
  const bounds: Box = { x: 0, y: STAGE_ROW + 2, width: plotWidth, height: AXIS_Y - STAGE_ROW - 2 };
  const boxes = placeLabels(requests, [...moments, ...pointBoxes(f)], bounds);
  boxes.forEach((box, i) => {
    if (!box) return;
    const w = wanted[i];
    const [px, py] = [xOf(f, w.p.position), pointY(f, w.p)];
    // The label's nearest edge point: a label placed away from its point is tied to it.
    const ex = Math.max(box.x, Math.min(box.x + box.width, px));
    const ey = Math.max(box.y, Math.min(box.y + box.height, py));
    const far = Math.hypot(ex - px, ey - py);
    if (far > LEADER) {
      const k = (POINT_R + 1) / far;
      g.append(svg("line", {
        class: "cjm-leader", x1: px + (ex - px) * k, y1: py + (ey - py) * k, x2: ex, y2: ey,
        style: `--cjm-line: ${personaColour(w.line.colour)}`,
      }));
    }
    g.append(svg("text", {
      class: "cjm-extreme", x: box.x + box.width / 2, y: box.y + LABEL_BASELINE, "text-anchor": "middle",
      style: `--cjm-line: ${personaColour(w.line.colour)}`, "data-extreme": w.end, "data-line": w.line.index,
    }, svg("title", {}, textNode(t(f.lang, `curve.${w.end}`, { step: f.curve.step[w.p.row] }))), textNode(w.text)));
  });
  return g;
}

/** Step names under the axis: whole (wrapped to two lines, or slanted), full text in a title. */
export function renderSteps(f: Frame): SVGGElement {
  const g = svg("g", { class: "cjm-steps" });
  const { angle, chars, lines, every } = f.names;
  f.layout.steps.forEach((s, i) => {
    if (i % every || !inView(f, i)) return;
    const x = xOf(f, i);
    const y = AXIS_Y + (angle === 0 ? 12 : 16);
    const parts = wrapName(s.step, chars, lines);
    const attrs = angle === 0
      ? { "text-anchor": "middle" }
      : { "text-anchor": "end", transform: `rotate(${angle} ${x} ${y})` };
    // Slanted lines are centred on the step: the block's middle sits at the anchor.
    const first = angle === 0 ? 0 : -((parts.length - 1) * LINE_HEIGHT) / 2;
    g.append(svg("text", { class: "cjm-step-label", x, y, "data-position": i, ...attrs },
      svg("title", {}, textNode(s.step)),
      ...parts.map((t, k) => svg("tspan", { x, dy: k === 0 ? first : LINE_HEIGHT }, textNode(t)))));
  });
  return g;
}

/** The point nearest (x, y) in the plot, if within reach: what a press grabs. */
export function pointAt(f: Frame, x: number, y: number): { line: number; point: LinePoint } | null {
  const position = Math.floor((x - f.left) / f.step);
  if (position < 0 || position >= f.layout.steps.length) return null;
  let best: { line: number; point: LinePoint; d: number } | null = null;
  f.lines.forEach((line, index) => {
    for (const p of line.points) {
      if (p.position !== position) continue;
      // Nearest in height; across, only between marks moved aside at one step.
      const d = Math.abs(pointY(f, p) - y) + 0.01 * Math.abs(pointX(f, index, p) - x);
      // On a tie the line drawn last (on top) wins: it is the point the person sees.
      if (d <= REACH && (!best || d <= best.d)) best = { line: index, point: p, d };
    }
  });
  return best;
}

/** The toolbar: the assumed/measured toggle, undo and redo. */
/** The curve's shortcuts beside undo and redo, in aria-keyshortcuts syntax (view.ts handles them). */
export const CURVE_KEYS: ReadonlyMap<"line" | "image" | "table", string> = new Map([
  ["line", "Alt+L"], ["image", "Alt+I"], ["table", "Alt+T"],
] as const);

export function renderToolbar(
  key: string,
  onLine: (line: LineKind) => void,
  onHistory: (action: "undo" | "redo") => void,
  lang: Lang = "en",
): { toolbar: HTMLDivElement; toggle: HTMLFieldSetElement; radios: Record<LineKind, HTMLInputElement> } {
  const radio = (value: LineKind, label: string) => {
    const input = el("input", { type: "radio", name: `cjm-line-${key}`, value });
    input.addEventListener("change", () => { if (input.checked) onLine(value); });
    return { input, label: el("label", { class: "cjm-radio" }, input, label) };
  };
  const assumed = radio("assumed", t(lang, "curve.assumed"));
  const measured = radio("measured", t(lang, "curve.measured"));
  const toggle = el("fieldset", { class: "cjm-line-toggle", "aria-keyshortcuts": CURVE_KEYS.get("line") },
    el("legend", {}, t(lang, "curve.line")), assumed.label, measured.label);
  const button = (action: "undo" | "redo") => {
    const keys = action === "undo" ? "Control+Z" : "Control+Shift+Z";
    const label = t(lang, action === "undo" ? "toolbar.undo" : "toolbar.redo");
    const b = el("button", {
      type: "button", class: "cjm-button", "data-action": action, title: keyTitle(label, keys, lang), "aria-keyshortcuts": keys,
    }, label);
    b.addEventListener("click", () => onHistory(action));
    return b;
  };
  const toolbar = el("div", { class: "cjm-toolbar", role: "toolbar", "aria-label": t(lang, "curve.tools") },
    toggle, button("undo"), button("redo"));
  return { toolbar, toggle, radios: { assumed: assumed.input, measured: measured.input } };
}
