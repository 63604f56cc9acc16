// Formatting of cell values for display and editing (pure).

import { formatDate, formatNumber } from "../shared/format";
import { t, type Lang } from "../shared/i18n";
import type { CellValue, DtypeName } from "../shared/wire";

/** A cell's value as the text an editor starts from: exact, a number with `lang`'s decimal mark. */
export function editText(v: CellValue, lang: Lang = "en"): string {
  if (v === null) return "";
  if (typeof v === "number" && lang === "fr") return String(v).replace(".", ",");
  return String(v);
}

/** A cell's value as the map shows it, in `lang`: grouped numbers, yes/no, dates in its order. */
export function displayText(v: CellValue, dtype: DtypeName, lang: Lang = "en"): string {
  if (v === null) return "";
  if (typeof v === "number") return formatNumber(v, lang);
  if (typeof v === "boolean") return t(lang, v ? "value.yes" : "value.no");
  if (dtype === "date" && typeof v === "string") return formatDate(v, lang);
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
