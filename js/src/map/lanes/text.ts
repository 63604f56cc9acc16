// Text lanes: newline-separated items become cards; other dtypes show their value.

import { el } from "../../shared/dom";
import { t, type Lang } from "../../shared/i18n";
import type { CellValue, LaneSpec } from "../../shared/wire";
import { displayText, splitItems } from "../format";
import { ROLE_GLYPHS, textRole, type TextRole } from "../icons";
import { dtypeEditor, setTextOp } from "./common";
import { byCell, type LaneModule } from "./types";

/** `role`: the lane's (textRole), read once per render rather than per cell. */
export function textContent(v: CellValue, lane: LaneSpec, role: TextRole | null = textRole(lane), lang: Lang = "en"): Node[] {
  if (lane.dtype !== "text") return [el("span", { class: "cjm-value" }, displayText(v, lane.dtype, lang))];
  const mark = role === null ? undefined : ROLE_GLYPHS.get(role);
  return splitItems(v).map((item) => el("div", { class: "cjm-card", "data-role": role },
    // The glyph is drawn by CSS from data-glyph: a card's text stays its item's text.
    mark ? el("span", { class: "cjm-role-glyph", "aria-hidden": "true", title: t(lang, mark.word), "data-glyph": mark.glyph }) : null,
    item));
}

export const textLane: LaneModule = {
  prepare: ({ lane, values, rows, lang }) => {
    const role = textRole(lane);
    return { cell: (col) => textContent(values[rows[col]] ?? null, lane, role, lang) };
  },
  editor: dtypeEditor,
  op: setTextOp,
  editOnDoubleClick: true,
  redraws: byCell,
};
