// What hovering or focusing a point shows: its step, values, evidence, moment, pain and gain.

import { el } from "../shared/dom";
import { formatEmotion, momentKind, momentTitle } from "../shared/format";
import type { CellValue } from "../shared/wire";
import type { LinePoint } from "./geometry";
import type { Curve } from "./wire";

function text(v: CellValue | undefined): string {
  return v === null || v === undefined ? "" : String(v);
}

/**
 * A 95% interval as the whisker draws it: signed as every value here ("−1.95"), an end beyond
 * the scale shown as the scale's end ("≤ −3", "≥ +3"), since no score lies past it.
 */
export function intervalText(low: number, high: number, [lo, hi]: [number, number]): string {
  const end = (v: number) => v < lo ? `\u2264 ${formatEmotion(lo)}` : v > hi ? `\u2265 ${formatEmotion(hi)}`
    : formatEmotion(Math.round(v * 100) / 100);
  return `${end(low)} to ${end(high)}`;
}

/** The tooltip's lines as [class, text] for a point of the curve. */
export function tipLines(c: Curve, p: LinePoint): [string, string][] {
  const row = p.row;
  const persona = c.persona ? c.persona[row] : null;
  const lines: [string, string][] = [["cjm-tip-step", c.step[row]], ["cjm-tip-stage", c.stage[row]]];
  const value = p.assumed === null ? "no value yet" : formatEmotion(p.assumed);
  lines.push(["", `${persona === null ? "" : `${persona}: `}${c.evidence ? "assumed " : ""}${value}`]);
  if (p.measured && p.mean !== null) {
    const interval = p.ci_low !== null && p.ci_high !== null ? `, 95% ${intervalText(p.ci_low, p.ci_high, c.scale)}` : "";
    lines.push(["", `measured ${formatEmotion(Math.round(p.mean * 100) / 100)}${interval} (n = ${p.n})`]);
  } else if (c.evidence) lines.push(["cjm-tip-muted", "no evidence at this step"]);
  const moment = c.moments ? momentKind(c.moments[row]) : null;
  if (moment !== null) lines.push(["cjm-tip-moment", `\u2605 ${momentTitle(moment)}`]);
  if (c.pain && text(c.pain[row])) lines.push(["cjm-tip-pain", `Pain: ${text(c.pain[row])}`]);
  if (c.gain && text(c.gain[row])) lines.push(["cjm-tip-gain", `Gain: ${text(c.gain[row])}`]);
  return lines;
}

const TIP_WIDTH = 260;

/** The tooltip element: filled with text only, placed beside a point, kept inside the widget. */
export class Tooltip {
  readonly el: HTMLDivElement = el("div", { class: "cjm-tip", role: "tooltip" });

  constructor() {
    this.el.hidden = true;
  }

  hide(): void {
    this.el.hidden = true;
  }

  /** Show `lines` beside the point at (x, y) in the chart's pixels. */
  show(lines: [string, string][], x: number, y: number, chartWidth: number): void {
    this.el.replaceChildren(...lines.map(([cls, t]) => el("div", { class: cls }, t)));
    this.el.hidden = false;
    const left = Math.min(x + 12, Math.max(0, chartWidth - TIP_WIDTH));
    this.el.style.left = `${Math.max(0, left)}px`;
    this.el.style.top = `${y + 14}px`;
  }
}
