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

export const FLAG_LABELS: Record<string, string> = {
  "one-off": "One-off",
  "cross-journey": "Cross-journey",
};

/** Whether a flag lane's value marks a moment of truth, and of which kind. */
export function flagKind(v: CellValue): string | null {
  if (v === null || v === false || v === "") return null;
  if (v === true) return "moment";
  return String(v);
}
