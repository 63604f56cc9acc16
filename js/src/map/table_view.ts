// The map as a plain table, for screen readers and anyone who would rather read than scan a
// grid: every lane × step of the shown persona (the grid draws only a window of steps), stage
// headers spanning their steps, step and lane headers, each cell's text as the map shows it.
// Built from text nodes only: every string in it is the user's data.

import { el } from "../shared/dom";
import { formatEmotion, momentKind, momentTitle } from "../shared/format";
import { laneTitle, t as word, type Lang } from "../shared/i18n";
import type { CellValue, Journey, LaneSpec } from "../shared/wire";
import { displayText, splitItems } from "./format";
import type { MapLayout } from "./layout";
import { channelItems } from "./lanes/channel";
import { formatLaneNumber } from "./lanes/number";
import { priorityBadge } from "./lanes/priority";
import "./table_view.css";

/** What the table shows, as plain strings (pure, so that vitest reads it without a DOM). */
export interface TableModel {
  caption: string;
  /** The stage and step rows' headers, in the view's language. */
  heads: [string, string];
  stages: { name: string; span: number }[];
  steps: string[];
  /** One row per lane: its title, and each step's cell as lines of text. */
  rows: { head: string; cells: string[][] }[];
}

/** An emotion as words: its sign and value, and which side of neutral it is on. */
export function emotionWords(v: number, lang: Lang = "en"): string {
  const side = word(lang, v > 0 ? "emotion.positive" : v < 0 ? "emotion.negative" : "emotion.neutral");
  return `${formatEmotion(v, lang)} (${side})`;
}

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
  return {
    caption: tableCaption(title, persona, lang),
    heads: [word(lang, "lane.stage"), word(lang, "lane.step")],
    stages: layout.stages.map((s) => ({ name: s.name, span: s.count })),
    steps: layout.columns.map((c) => c.step),
    rows: j.lanes.map((lane, i) => {
      const values = j.cells[i] ?? [];
      return { head: laneTitle(lang, lane), cells: layout.columns.map((c) => cellLines(lane, values[c.row] ?? null, lang)) };
    }),
  };
}

export function drawTable(t: TableModel): HTMLTableElement {
  const stageRow = el("tr", {}, el("th", { scope: "row" }, t.heads[0]),
    ...t.stages.map((s) => el("th", { scope: "colgroup", colspan: s.span }, s.name)));
  const stepRow = el("tr", {}, el("th", { scope: "row" }, t.heads[1]),
    ...t.steps.map((step) => el("th", { scope: "col" }, step)));
  const body = el("tbody", {}, ...t.rows.map((row) => el("tr", {}, el("th", { scope: "row" }, row.head),
    ...row.cells.map((lines) => el("td", {}, ...lines.map((line) => el("div", {}, line)))))));
  return el("table", { class: "cjm-table" }, el("caption", {}, t.caption), el("thead", {}, stageRow, stepRow), body);
}

/**
 * The toggle (in the toolbar) and the box that holds the table in place of the grid. The view
 * says what to draw (`show`) and what opening and closing do to the grid and the focus.
 */
export class TableView {
  readonly toggle: HTMLButtonElement;
  readonly box: HTMLElement;

  constructor(keys: string, onToggle: (open: boolean) => void, lang: Lang = "en") {
    this.toggle = el("button", {
      type: "button", class: "cjm-button", "data-action": "table", "aria-pressed": "false",
      "aria-keyshortcuts": keys, title: word(lang, "table.title"),
    }, word(lang, "table.label"));
    // Focusable, so that a keyboard scrolls it; named, so that a screen reader says what it is.
    this.box = el("section", { class: "cjm-table-view", tabindex: 0, "aria-label": word(lang, "table.name"), hidden: true });
    this.toggle.addEventListener("click", () => onToggle(!this.isOpen));
  }

  get isOpen(): boolean {
    return !this.box.hidden;
  }

  setOpen(open: boolean): void {
    this.box.hidden = !open;
    this.toggle.setAttribute("aria-pressed", String(open));
    if (!open) this.box.replaceChildren(); // a closed table costs nothing to keep up to date
  }

  /** Draw the table, if open. */
  show(model: () => TableModel): void {
    if (this.isOpen) this.box.replaceChildren(drawTable(model()));
  }
}
