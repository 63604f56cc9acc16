// The emotion curve as a table: a row per persona, a column per step of the curve's axis, each
// cell the point's words as its tooltip says them (the value, the evidence, the moment of truth,
// the pain and the gain). The table and its toggle are shared/table.ts.

import { t, type Lang } from "../shared/i18n";
import { emotionWords, type TableModel } from "../shared/table";
import type { Frame } from "./draw";
import type { LinePoint } from "./geometry";
import { tipLines } from "./tooltip";

/** A point's lines: its value in words, then what the tooltip adds after step, stage and value. */
export function pointLines(f: Frame, p: LinePoint): string[] {
  const lang = f.lang;
  const shown = p.assumed === null ? t(lang, "curve.no_value") : emotionWords(p.assumed, lang);
  const value = f.curve.evidence ? t(lang, "curve.tip_assumed", { value: shown }) : shown;
  return [value, ...tipLines(f.curve, p, lang).slice(3).map(([, text]) => text)];
}

/** The caption: the curve's title (or what it is). */
function caption(title: unknown, lang: Lang): string {
  return typeof title === "string" && title.trim() !== "" ? title.trim() : t(lang, "curve.name");
}

/** Every step of the curve (not only the window drawn), a row per persona's line. */
export function curveTableModel(f: Frame, title: unknown): TableModel {
  const lang = f.lang;
  const count = f.layout.steps.length;
  return {
    caption: caption(title, lang),
    heads: [t(lang, "lane.stage"), t(lang, "lane.step")],
    stages: f.layout.stages.map((s) => ({ name: s.name, span: s.count })),
    steps: f.layout.steps.map((s) => s.step),
    rows: f.lines.map((line) => {
      const cells: string[][] = Array.from({ length: count }, () => []);
      for (const p of line.points) cells[p.position] = pointLines(f, p);
      const head = [line.persona, line.state].filter((x) => x !== null).join(", ");
      return { head: head || t(lang, "lane.emotion"), cells };
    }),
  };
}
