// Moment-of-truth lanes (wire kind "moment"): a ★ with its kind in the cell and on the step header.

import { el } from "../../shared/dom";
import { momentChoices, momentKind, momentLabel, momentTitle } from "../../shared/format";
import { t, type Lang } from "../../shared/i18n";
import type { CellValue, LaneSpec } from "../../shared/wire";
import { byCell, type EditorSpec, type LaneModule } from "./types";

export function momentContent(v: CellValue, lang: Lang = "en"): Node[] {
  const kind = momentKind(v);
  if (kind === null) return [];
  const label = momentLabel(kind, lang);
  // The star carries the kind's colour, the words the theme's text colour (the warning
  // colour is too light for text in JupyterLab's light theme).
  return [el("span", { class: "cjm-moment", "data-moment": kind },
    el("span", { class: "cjm-moment-star", "aria-hidden": "true" }, "\u2605"), " ", label)];
}

/** The star on a step header (`data-step-mark`: a step mark, drawn again on its own). */
export function momentMark(v: CellValue, lang: Lang = "en"): Node | null {
  const kind = momentKind(v);
  const title = kind === null ? "" : momentTitle(kind, lang);
  return kind === null ? null : el("span", {
    class: "cjm-moment-mark", "data-moment": kind, "data-step-mark": "", title, role: "img", "aria-label": title,
  }, "\u2605");
}

/** A boolean column is yes/no; any other picks a kind (or none). */
export function momentEditor(lane: LaneSpec, value: CellValue, lang: Lang = "en"): EditorSpec {
  const kind = momentKind(value);
  const title = t(lang, "moment.title");
  if (lane.dtype === "bool") {
    return { type: "select", choices: [["false", "\u2014"], ["true", title]], value: kind === null ? "false" : "true" };
  }
  // "moment": a moment of truth of no stated kind (Python reads "oui", "yes"… as one).
  return { type: "select", choices: [["", "\u2014"], ["moment", title], ...momentChoices(lang)], value: kind ?? "" };
}

export const momentLane: LaneModule = {
  prepare: ({ values, rows, lang }) => ({
    cell: (col) => momentContent(values[rows[col]] ?? null, lang),
    stepMark: (col) => momentMark(values[rows[col]] ?? null, lang),
  }),
  editor: momentEditor,
  op: (lane, id, text) => ({ kind: "set_moment", id, column: lane.key, value: text === "" ? null : text }),
  editOnDoubleClick: true,
  redraws: byCell,
};
