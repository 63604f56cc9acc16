// Moment-of-truth lanes (wire kind "moment"): a ★ with its kind in the cell and on the step header.

import { el } from "../../shared/dom";
import { MOMENT_LABELS, momentKind, momentLabel, momentTitle } from "../../shared/format";
import type { CellValue, LaneSpec } from "../../shared/wire";
import type { EditorSpec, LaneModule } from "./types";

export function momentContent(v: CellValue): Node[] {
  const kind = momentKind(v);
  if (kind === null) return [];
  const label = kind === "moment" ? "Moment of truth" : momentLabel(kind);
  return [el("span", { class: "cjm-moment", "data-moment": kind }, "\u2605 ", label)];
}

/** The star on a step header. */
export function momentMark(v: CellValue): Node | null {
  const kind = momentKind(v);
  return kind === null ? null : el("span", {
    class: "cjm-moment-mark", "data-moment": kind, title: momentTitle(kind), role: "img", "aria-label": momentTitle(kind),
  }, "\u2605");
}

/** A boolean column is yes/no; any other picks a kind (or none). */
export function momentEditor(lane: LaneSpec, value: CellValue): EditorSpec {
  const kind = momentKind(value);
  if (lane.dtype === "bool") {
    return { type: "select", choices: [["false", "\u2014"], ["true", "Moment of truth"]], value: kind === null ? "false" : "true" };
  }
  // "moment": a moment of truth of no stated kind (Python reads "oui", "yes"… as one).
  return { type: "select", choices: [["", "\u2014"], ["moment", "Moment of truth"], ...MOMENT_LABELS], value: kind ?? "" };
}

export const momentLane: LaneModule = {
  prepare: ({ values, rows }) => ({
    cell: (col) => momentContent(values[rows[col]] ?? null),
    stepMark: (col) => momentMark(values[rows[col]] ?? null),
  }),
  editor: momentEditor,
  op: (lane, id, text) => ({ kind: "set_moment", id, column: lane.key, value: text === "" ? null : text }),
  editOnDoubleClick: true,
};
