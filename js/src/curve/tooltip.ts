// What hovering or focusing a point shows: its step, values, evidence, moment, pain and gain.

import { el } from "../shared/dom";
import { formatEmotion, momentKind, momentTitle } from "../shared/format";
import { t, type Lang } from "../shared/i18n";
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
export function intervalText(low: number, high: number, [lo, hi]: [number, number], lang: Lang = "en"): string {
  const end = (v: number) => v < lo ? `\u2264 ${formatEmotion(lo, lang)}` : v > hi ? `\u2265 ${formatEmotion(hi, lang)}`
    : formatEmotion(Math.round(v * 100) / 100, lang);
  return t(lang, "curve.interval", { low: end(low), high: end(high) });
}

/** The tooltip's lines as [class, text] for a point of the curve. */
export function tipLines(c: Curve, p: LinePoint, lang: Lang = "en"): [string, string][] {
  const row = p.row;
  const persona = c.persona ? c.persona[row] : null;
  const lines: [string, string][] = [["cjm-tip-step", c.step[row]], ["cjm-tip-stage", c.stage[row]]];
  const shown = p.assumed === null ? t(lang, "curve.no_value") : formatEmotion(p.assumed, lang);
  const value = c.evidence ? t(lang, "curve.tip_assumed", { value: shown }) : shown;
  lines.push(["", persona === null ? value : t(lang, "words.labelled", { title: persona, text: value })]);
  if (p.measured && p.mean !== null) {
    const interval = p.ci_low !== null && p.ci_high !== null
      ? t(lang, "curve.tip_interval", { interval: intervalText(p.ci_low, p.ci_high, c.scale, lang) }) : "";
    lines.push(["", t(lang, "curve.tip_measured", { value: formatEmotion(Math.round(p.mean * 100) / 100, lang), interval, n: p.n ?? "" })]);
  } else if (c.evidence) lines.push(["cjm-tip-muted", t(lang, "curve.tip_no_evidence")]);
  const moment = c.moments ? momentKind(c.moments[row]) : null;
  if (moment !== null) lines.push(["cjm-tip-moment", `\u2605 ${momentTitle(moment, lang)}`]);
  if (c.pain && text(c.pain[row])) lines.push(["cjm-tip-pain", t(lang, "words.labelled", { title: t(lang, "lane.pain"), text: text(c.pain[row]) })]);
  if (c.gain && text(c.gain[row])) lines.push(["cjm-tip-gain", t(lang, "words.labelled", { title: t(lang, "lane.gain"), text: text(c.gain[row]) })]);
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
