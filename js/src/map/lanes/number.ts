// Number lanes: a bar from zero over the lane's extent, and the value in the lane's format.

import { el } from "../../shared/dom";
import { formatNumber, numberFormat, numberRefusal, parseNumber, unsignedZero } from "../../shared/format";
import { t, type Lang } from "../../shared/i18n";
import type { CellValue, EditOp, LaneSpec, NumberFormat } from "../../shared/wire";
import { barGeometry, laneExtent } from "../layout";
import { dtypeEditor, setCellOp } from "./common";
import type { EditorSpec, LaneModule, Redraw } from "./types";

const PLAIN: NumberFormat = { style: "number", digits: null };

/** `v` with `min`…`max` decimals in `lang` (one Intl format each, built on first use). */
function fixed(v: number, min: number, max: number, lang: Lang): string {
  return unsignedZero(numberFormat(lang, min, max).format(v));
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** Seconds as "45 s", "17 min 16 s" or "2 h 05 min" (seconds dropped from an hour on). */
function duration(seconds: number, digits: number | null, lang: Lang): string {
  const sign = seconds < 0 ? "\u2212" : "";
  const s = Math.abs(seconds);
  const places = digits ?? (s < 10 && !Number.isInteger(s) ? 1 : 0);
  if (Number(s.toFixed(places)) < 60) return `${sign}${fixed(s, 0, places, lang)} s`;
  const whole = Math.round(s);
  if (whole < 3600) return `${sign}${Math.floor(whole / 60)} min ${pad2(whole % 60)} s`;
  const minutes = Math.round(s / 60);
  return `${sign}${fixed(Math.floor(minutes / 60), 0, 0, lang)} h ${pad2(minutes % 60)} min`;
}

/**
 * A number lane's value as text. `format` comes from Python (missing: plain numbers);
 * percent takes a share (0.69 → "69%", "69 %" in French), duration takes seconds.
 */
export function formatLaneNumber(v: number, format?: NumberFormat | null, lang: Lang = "en"): string {
  if (!Number.isFinite(v)) return "";
  const f = format ?? PLAIN;
  const digits = typeof f.digits === "number" && f.digits >= 0 ? Math.min(20, Math.floor(f.digits)) : null;
  switch (f.style) {
    case "percent":
      return `${fixed(v * 100, digits ?? 0, digits ?? 1, lang)}${lang === "fr" ? "\u202F" : ""}%`;
    case "duration":
      return duration(v, digits, lang);
    default:
      return digits === null ? formatNumber(v, lang) : fixed(v, digits, digits, lang);
  }
}

export function numberContent(v: CellValue, format: NumberFormat | null | undefined, extent: [number, number],
  lang: Lang = "en"): Node[] {
  if (typeof v !== "number") return [];
  const { left, width } = barGeometry(v, extent);
  const bar = el("div", { class: "cjm-bar" + (v < 0 ? " is-negative" : ""), "aria-hidden": "true" });
  bar.style.left = `${(left * 100).toFixed(2)}%`;
  bar.style.width = `${(width * 100).toFixed(2)}%`;
  return [el("div", { class: "cjm-bar-track" }, bar), el("span", { class: "cjm-value" }, formatLaneNumber(v, format, lang))];
}

/** A number without float noise: 0.07 * 100 is 7, not 7.000000000000001. */
const exact = (v: number) => String(+v.toPrecision(12));

/** Whole seconds as "1 h 05 min 10 s", "1 min 35 s" or "45 s"; others as "95.5 s". */
function durationText(seconds: number): string {
  if (seconds < 0 || !Number.isInteger(seconds)) return `${exact(seconds)} s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h} h ${pad2(m)} min` + (s > 0 ? ` ${pad2(s)} s` : "");
  return m > 0 ? `${m} min ${pad2(s)} s` : `${s} s`;
}

/**
 * The text an edit starts from, in the lane's unit and exact (not the rounded display):
 * "41%" for a share, "1 min 35 s" for seconds. Python reads these back (and bare numbers as
 * the lane's unit: 50 in a percent lane is 50%).
 */
export function numberEditor(lane: LaneSpec, value: CellValue, lang: Lang = "en"): EditorSpec {
  if (typeof value !== "number" || !Number.isFinite(value)) return dtypeEditor(lane, value, lang);
  const decimal = (text: string) => (lang === "fr" ? text.replace(".", ",") : text);
  switch (lane.format?.style) {
    case "percent":
      return { type: "input", value: `${decimal(exact(value * 100))}%`, numeric: false };
    case "duration":
      return { type: "input", value: decimal(durationText(value)), numeric: false };
    default:
      return dtypeEditor(lane, value, lang);
  }
}

const UNITS: ReadonlyMap<string, number> = new Map([["h", 3600], ["min", 60], ["s", 1]]);
// A number, then its unit (not the start of a longer word): "1 500 s", "1,5 h", "2h".
const PART = /^(.*?\d)\s*(h|min|s)(?![\p{L}])\s*/u;

/**
 * Seconds from a duration typed in `lang`: "95", "95 s", "1 min 35 s", "1,5 h" in French,
 * "1,500 s" in English; units from the largest down, each once; a bare number after the
 * last unit is in the next one down ("2 h 30" is 2 h 30 min). Each number is read as
 * parseNumber reads it in `lang`, so a duration means what a number means. Null otherwise.
 */
export function durationSeconds(text: string, lang: Lang = "en"): number | null {
  const whole = parseNumber(text, lang);
  if (whole !== null) return whole; // a bare number: seconds, the lane's unit
  const signed = /^\s*([+\-\u2212]?)\s*(.*?)\s*$/su.exec(text);
  if (!signed) return null;
  let rest = signed[2];
  let total = 0;
  let last = Infinity;
  while (rest !== "") {
    const m = PART.exec(rest);
    const unit = m ? UNITS.get(m[2]) ?? 0 : last / 60;
    const amount = m ? m[1] : rest;
    const n = /^[+\-\u2212]/.test(amount.trim()) ? null : parseNumber(amount, lang);
    // Units in order; a bare number after h or min is a whole count below 60 of the next.
    if (n === null || !(unit < last) || (!m && (last < 60 || !Number.isInteger(n) || n >= 60))) return null;
    total += n * unit;
    last = unit;
    rest = m ? rest.slice(m[0].length) : "";
  }
  if (last === Infinity) return null;
  return signed[1] === "" || signed[1] === "+" ? total : 0 - total || 0;
}

/**
 * A number lane's op: a percent ("41,5 %" in French) is sent as text in the lane's unit
 * ("41.5", which Python divides by 100), a duration as its seconds, any other number as read
 * in `lang`; each refused in `lang` when it is no number.
 */
export function numberOp(lane: LaneSpec, id: number, text: string, lang: Lang = "en"): EditOp | string {
  const style = lane.format?.style;
  if (style === "percent" && text.trim() !== "") {
    const value = parseNumber(text.trim().replace(/\s*%$/, ""), lang);
    return value === null ? numberRefusal(text, lang) : { kind: "set_cell", id, column: lane.key, value: String(value) };
  }
  if (style === "duration" && text.trim() !== "") {
    const seconds = durationSeconds(text, lang);
    return seconds === null ? t(lang, "duration.refused", { text: text.trim() }) : { kind: "set_cell", id, column: lane.key, value: seconds };
  }
  return setCellOp(lane, id, text, lang);
}

/**
 * The extent bars are drawn on: every row of the lane, all personas, so a value has one
 * length whichever persona is shown; a percent lane spans 0…100% at least.
 */
export function numberExtent(lane: LaneSpec, values: CellValue[]): [number, number] {
  const [lo, hi] = laneExtent(values, values.map((_, i) => i));
  return lane.format?.style === "percent" ? [Math.min(0, lo), Math.max(1, hi)] : [lo, hi];
}

export const numberLane: LaneModule = {
  prepare: ({ lane, values, rows, lang }) => {
    const extent = numberExtent(lane, values);
    return { cell: (col) => numberContent(values[rows[col]] ?? null, lane.format, extent, lang) };
  },
  editor: numberEditor,
  op: numberOp,
  editOnDoubleClick: true,
  // Every bar is drawn on the lane's extent: a value that moves it redraws them all.
  redraws: (lane, before, after): Redraw => {
    const [a, b] = [numberExtent(lane, before), numberExtent(lane, after)];
    return a[0] === b[0] && a[1] === b[1] ? "cell" : "lane";
  },
};
