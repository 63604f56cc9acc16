// The map as a plain table, for screen readers and anyone who would rather read than scan a
// grid: every lane × step of the shown persona (the grid draws only a window of steps), stage
// headers spanning their steps, step and lane headers, each cell's text as the map shows it.
// What goes in it is here; the table and its toggle are shared/table.ts.

import { momentKind, momentTitle } from "../shared/format";
import { laneTitle, t as word, type Lang } from "../shared/i18n";
import type { CellValue, Journey, LaneSpec } from "../shared/wire";
import { displayText, splitItems } from "./format";
import { lineName, linesBefore } from "./blueprint";
import type { MapLayout } from "./layout";
import { channelItems } from "./lanes/channel";
import { formatLaneNumber } from "./lanes/number";
import { priorityBadge } from "./lanes/priority";
import { emotionWords, type TableModel } from "../shared/table";

export { drawTable, emotionWords, TableView, type TableModel } from "../shared/table";

/** A cell's text, line by line, as its lane kind shows it in the grid. */
export function cellLines(lane: LaneSpec, v: CellValue, lang: Lang = "en"): string[] {
  if (v === null) return [];
  switch (lane.kind) {
    case "emotion":
      return typeof v === "number" && Number.isFinite(v) ? [emotionWords(v, lang)] : [];
    case "moment": {
      const kind = momentKind(v);
      return kind === null ? [] : [momentTitle(kind, lang)];
    }
    case "channel":
      return [channelItems(v).join(", ")].filter((s) => s !== "");
    case "priority": {
      const badge = priorityBadge(lane, v, lang);
      return badge ? [badge.text] : [];
    }
    case "number":
      return typeof v === "number" ? [formatLaneNumber(v, lane.format, lang)].filter((s) => s !== "") : [];
    default:
      return lane.dtype === "text" ? splitItems(v) : [displayText(v, lane.dtype, lang)].filter((s) => s !== "");
  }
}

/** The caption: the journey's title (or what it is), and the persona shown. */
export function tableCaption(title: unknown, persona: string | null, lang: Lang = "en"): string {
  const name = typeof title === "string" && title.trim() !== "" ? title.trim() : word(lang, "map.name");
  return persona === null ? name
    : `${name} \u2014 ${word(lang, "words.labelled", { title: word(lang, "lane.persona"), text: persona })}`;
}

export function tableModel(j: Journey, layout: MapLayout, persona: string | null, title: unknown, lang: Lang = "en"): TableModel {
  const blueprint = j.blueprint === true ? linesBefore(j.lanes) : new Map<number, never[]>();
  return {
    caption: tableCaption(title, persona, lang),
    heads: [word(lang, "lane.stage"), word(lang, "lane.step")],
    stages: layout.stages.map((s) => ({ name: s.name, span: s.count })),
    steps: layout.columns.map((c) => c.step),
    rows: j.lanes.flatMap((lane, i) => {
      const values = j.cells[i] ?? [];
      // A blueprint's lines as rows of their own, read between the lanes they separate.
      const lines = (blueprint.get(i) ?? []).map((line) => ({ head: lineName(lang, line), cells: layout.columns.map(() => []) }));
      return [...lines, { head: laneTitle(lang, lane), cells: layout.columns.map((c) => cellLines(lane, values[c.row] ?? null, lang)) }];
    }),
  };
}
