// Editing that follows the column's dtype, for lanes with nothing kind-specific to add.

import { dateInput, dateRefusal, numberRefusal, parseNumber } from "../../shared/format";
import { t, type Lang } from "../../shared/i18n";
import type { CellValue, EditOp, LaneSpec } from "../../shared/wire";
import { editText } from "../format";
import type { EditorSpec } from "./types";

/** A select for booleans and categories, a text area for text, else a one-line input. */
export function dtypeEditor(lane: LaneSpec, value: CellValue, lang: Lang = "en"): EditorSpec {
  const text = editText(value);
  if (lane.dtype === "bool") {
    return { type: "select", choices: [["true", t(lang, "value.yes")], ["false", t(lang, "value.no")]], value: text };
  }
  if (lane.dtype === "category") {
    return { type: "select", choices: [["", "\u2014"], ...(lane.options ?? []).map((o): [string, string] => [o, o])], value: text };
  }
  if (lane.dtype === "text") return { type: "textarea", value: text };
  if (lane.dtype === "date") return { type: "input", value: text, numeric: false };
  return { type: "input", value: editText(value, lang), numeric: true };
}

/**
 * Typed text becomes the cell's value; Python parses it for the column's dtype. A number is
 * read here first, in the view's language ("850,5" in French is 850.5, "1,276.5" in English
 * is 1276.5), and sent as a number; a date typed in the view's order is sent as ISO text.
 */
export function setCellOp(lane: LaneSpec, id: number, text: string, lang: Lang = "en"): EditOp | string {
  if (lane.dtype === "integer" || lane.dtype === "number") {
    if (text.trim() === "") return { kind: "set_cell", id, column: lane.key, value: "" };
    const value = parseNumber(text, lang);
    if (value === null) return numberRefusal(text, lang);
    return { kind: "set_cell", id, column: lane.key, value };
  }
  if (lane.dtype === "date") {
    const iso = dateInput(text, lang);
    return iso === null ? dateRefusal(text, lang) : { kind: "set_cell", id, column: lane.key, value: iso };
  }
  return { kind: "set_cell", id, column: lane.key, value: text };
}

/**
 * Text without its leading and trailing blank lines (Shift+Enter in an empty cell, a stray
 * Enter at the end); inner newlines and a first line's indent are kept.
 */
export function trimBlankLines(text: string): string {
  return text.replace(/^(?:[ \t]*\r?\n)+/, "").replace(/(?:\r?\n[ \t]*)+$/, "").replace(/^[ \t]+$/, "");
}

/** A text lane's op: the typed text without outer blank lines. */
export function setTextOp(lane: LaneSpec, id: number, text: string, lang: Lang = "en"): EditOp | string {
  return setCellOp(lane, id, trimBlankLines(text), lang);
}
