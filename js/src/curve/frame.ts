// One drawing's parameters: the x axis, lines with unconfirmed values, scales, room for names.

import type { Frame } from "./draw";
import { AXIS_WIDTH, AXIS_Y, BOTTOM, DODGE, RIGHT, TOP } from "./draw";
import { dodge, intervalDodge, layoutSteps, personaLines, xLayout, yScale, type LineKind, type PositionRange } from "./geometry";
import { stepLabelLayout, stepLabelRoom, wrapName } from "./labels";
import type { Lang } from "../shared/i18n";
import type { Curve } from "./wire";

const MIN_STEP = 40;
/** The least room left of the first step (slanted step names may need more). */
const MIN_LEFT = 16;
/** About how wide a character of 11px UI text is: only picks how names wrap. */
const CHAR = 6.2;

/** Text widths measured on a canvas (no page layout), cached per text. */
export class TextWidths {
  private readonly known = new Map<string, number>();
  private context: CanvasRenderingContext2D | null | undefined;
  private font = "sans-serif";

  /** The font family the widget is drawn in; widths change with it. */
  setFont(family: string): void {
    if (!family || family === this.font) return;
    this.font = family;
    this.known.clear();
  }

  readonly measure = (text: string, bold: boolean): number => {
    const key = `${bold ? "b" : ""}\u0000${text}`;
    const known = this.known.get(key);
    if (known !== undefined) return known;
    if (this.context === undefined) this.context = document.createElement("canvas").getContext("2d");
    let width = text.length * (bold ? 6.8 : CHAR);
    if (this.context) {
      this.context.font = `${bold ? "700 " : ""}11px ${this.font}`;
      width = this.context.measureText(text).width;
    }
    this.known.set(key, width);
    return width;
  };
}

/**
 * The frame for a curve `rootWidth` px wide. `overrides` holds values shown before Python
 * confirms them (a drag's preview, a key's change), by row id.
 */
export function makeFrame(
  c: Curve,
  kind: LineKind,
  overrides: ReadonlyMap<number, number | null>,
  rootWidth: number,
  measure: (text: string, bold: boolean) => number,
  drawn: PositionRange = [0, 0],
  lang: Lang = "en",
): Frame {
  const layout = layoutSteps(c);
  const lines = personaLines(c, layout, kind).map((line) => ({
    ...line,
    points: line.points.map((p) => {
      if (!overrides.has(p.id)) return p;
      const v = overrides.get(p.id)!;
      return { ...p, assumed: v, value: kind === "measured" && p.measured ? p.value : v };
    }),
  }));
  const count = layout.steps.length;
  const total = Math.max(200, (rootWidth || 900) - AXIS_WIDTH - RIGHT - 4);
  const first = xLayout(count, total - MIN_LEFT, MIN_STEP).step;
  const names = stepLabelLayout(first, CHAR);
  // Only the first names can reach left of the plot: measure those.
  const widths = layout.steps.slice(0, Math.min(count, Math.ceil(160 / first) + 1)).map((s) =>
    Math.max(0, ...wrapName(s.step, names.chars, names.lines).map((t) => measure(t, false))));
  const room = stepLabelRoom(names, widths, (i) => first * (i + 0.5), names.chars * CHAR);
  const left = Math.max(MIN_LEFT, room.left + 4);
  const { step, width } = xLayout(count, total - left, MIN_STEP);
  return {
    curve: c, layout, lines, kind, scale: yScale(c.scale, TOP, BOTTOM), step, left, width, drawn, names, measure,
    height: AXIS_Y + Math.max(30, room.below),
    whiskerDx: intervalDodge(lines, DODGE),
    missingDx: dodge(lines, (p) => p.value === null, DODGE),
    lang,
  };
}
