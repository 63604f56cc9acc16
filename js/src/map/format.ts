// Formatting of cell values for display and editing (pure).

import { formatNumber } from "../shared/format";
import type { CellValue, DtypeName } from "../shared/wire";

/** A cell's value as the text an editor starts from. */
export function editText(v: CellValue): string {
  if (v === null) return "";
  return String(v);
}

export function displayText(v: CellValue, dtype: DtypeName): string {
  if (v === null) return "";
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (dtype === "date" && typeof v === "string") return v.replace("T", " ").replace(/ 00:00:00$/, "");
  return String(v);
}

/** Newline-separated items of a text lane, each shown as its own card. */
export function splitItems(text: CellValue): string[] {
  if (text === null) return [];
  return String(text)
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
