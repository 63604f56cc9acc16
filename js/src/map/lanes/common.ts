// Editing that follows the column's dtype, for lanes with nothing kind-specific to add.

import type { CellValue, EditOp, LaneSpec } from "../../shared/wire";
import { editText } from "../format";
import type { EditorSpec } from "./types";

/** A select for booleans and categories, a text area for text, else a one-line input. */
export function dtypeEditor(lane: LaneSpec, value: CellValue): EditorSpec {
  const text = editText(value);
  if (lane.dtype === "bool") return { type: "select", choices: [["true", "yes"], ["false", "no"]], value: text };
  if (lane.dtype === "category") {
    return { type: "select", choices: [["", "\u2014"], ...(lane.options ?? []).map((o): [string, string] => [o, o])], value: text };
  }
  if (lane.dtype === "text") return { type: "textarea", value: text };
  return { type: "input", value: text, numeric: lane.dtype !== "date" };
}

/** Typed text becomes the cell's value; Python parses it for the column's dtype. */
export function setCellOp(lane: LaneSpec, id: number, text: string): EditOp {
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
export function setTextOp(lane: LaneSpec, id: number, text: string): EditOp {
  return setCellOp(lane, id, trimBlankLines(text));
}
