// Number, emotion and moment-of-truth formatting shared by the widgets (pure).

import type { CellValue } from "./wire";

// Built once: creating a number format per call (toLocaleString) costs far more than using one.
const FORMATS = [0, 1, 2].map((digits) =>
  new Intl.NumberFormat("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 }));

/** Numbers as people read them: thousands grouped, at most two decimals, no "-0". */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return "";
  if (Number.isInteger(v) && Math.abs(v) < 1000) return v === 0 ? "0" : String(v);
  const digits = Number.isInteger(v) ? 0 : Math.abs(v) >= 100 ? 1 : 2;
  const text = FORMATS[digits].format(v);
  return text === "-0" ? "0" : text;
}

/** A signed emotion value: "+2", "0", "−1.5". */
export function formatEmotion(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return "";
  const text = formatNumber(Math.abs(v));
  return v > 0 ? `+${text}` : v < 0 ? `\u2212${text}` : "0";
}

/** The kinds of moment of truth with a label of their own (a Map: user text is never a key). */
export const MOMENT_LABELS: ReadonlyMap<string, string> = new Map([
  ["one-off", "One-off"],
  ["cross-journey", "Cross-journey"],
]);

/** A moment of truth's kind as people read it: "One-off", or the kind itself when unknown. */
export function momentLabel(kind: string): string {
  return MOMENT_LABELS.get(kind) ?? kind;
}

/** Whether a moment-of-truth value marks one, and of which kind ("moment": a plain yes). */
export function momentKind(v: CellValue): string | null {
  if (v === null || v === false || v === "") return null;
  if (v === true) return "moment";
  return String(v);
}

/** The title of a step's moment-of-truth mark. */
export function momentTitle(kind: string): string {
  return kind === "moment" ? "Moment of truth" : `Moment of truth: ${momentLabel(kind)}`;
}
