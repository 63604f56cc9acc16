// Tracks side by side as the table view reads them: one row per lane and track, the same
// aligned columns as the grid, a gap said in words.

import { laneTitle, t, type Lang } from "../shared/i18n";
import type { Journey } from "../shared/wire";
import { cellDiff, markWord, trackCell, trackLabel, type CompareLayout } from "./compare";
import { cellLines, tableCaption, type TableModel } from "./table_view";

/** The table view of tracks side by side: each step's mark beside its name, each later
 * state's changed cells and deltas after its text. */
export function compareTable(j: Journey, layout: CompareLayout, persona: string | null, title: unknown, lang: Lang): TableModel {
  const names = layout.tracks.map((name) => trackLabel(layout, name, lang));
  return {
    caption: `${tableCaption(title, layout.kind === "state" ? persona : null, lang)} \u2014 ${names.join(", ")}`,
    heads: [t(lang, "lane.stage"), t(lang, "lane.step")],
    stages: layout.stages.map((s) => ({ name: s.name, span: s.count })),
    steps: layout.columns.map((c, col) => {
      const marks = layout.marks[col];
      return marks.length === 0 ? c.step : `${c.step} (${marks.map((m) => markWord(m, lang)).join(", ")})`;
    }),
    rows: j.lanes.flatMap((lane, i) => names.map((name, k) => ({
      head: `${laneTitle(lang, lane)} \u2014 ${name}`,
      cells: layout.columns.map((_, col) => {
        const at = trackCell(layout, k, col);
        if (at.type === "gap") return [t(lang, "compare.gap", { track: name })];
        const lines = cellLines(lane, j.cells[i]?.[at.row] ?? null, lang);
        const diff = k > 0 ? cellDiff(layout, at.id, lane, lang) : null;
        if (diff?.delta) lines.push(diff.delta);
        if (diff?.changed) lines.push(`(${t(lang, "compare.changed_cell")})`);
        return lines;
      }),
    }))),
  };
}
