// Text lanes: newline-separated items become cards; other dtypes show their value.

import { el } from "../../shared/dom";
import type { CellValue, LaneSpec } from "../../shared/wire";
import { displayText, splitItems } from "../format";
import { dtypeEditor, setTextOp } from "./common";
import type { LaneModule } from "./types";

export function textContent(v: CellValue, lane: LaneSpec): Node[] {
  if (lane.dtype !== "text") return [el("span", { class: "cjm-value" }, displayText(v, lane.dtype))];
  return splitItems(v).map((item) => el("div", { class: "cjm-card" }, item));
}

export const textLane: LaneModule = {
  prepare: ({ lane, values, rows }) => ({ cell: (col) => textContent(values[rows[col]] ?? null, lane) }),
  editor: dtypeEditor,
  op: setTextOp,
  editOnDoubleClick: true,
};
