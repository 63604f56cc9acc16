// A widget as a plain table, for screen readers and anyone who would rather read than scan a
// drawing: a caption, stage headers spanning their steps, a header per step and per row, each
// cell's text in words. Built from text nodes only: every string in it is the user's data. The
// map (map/table_view.ts) and the curve (curve/table.ts) say what goes in it.

import { el } from "./dom";
import { formatEmotion } from "./format";
import { t as word, type Lang } from "./i18n";
import "./table.css";

/** What the table shows, as plain strings (pure, so that vitest reads it without a DOM). */
export interface TableModel {
  caption: string;
  /** The stage and step rows' headers, in the view's language. */
  heads: [string, string];
  stages: { name: string; span: number }[];
  steps: string[];
  /** One row per lane (the curve: per persona): its title, and each step's cell as lines of text. */
  rows: { head: string; cells: string[][] }[];
}

/** An emotion as words: its sign and value, and which side of neutral it is on. */
export function emotionWords(v: number, lang: Lang = "en"): string {
  const side = word(lang, v > 0 ? "emotion.positive" : v < 0 ? "emotion.negative" : "emotion.neutral");
  return `${formatEmotion(v, lang)} (${side})`;
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
 * The toggle (in the toolbar) and the box that holds the table in place of the drawing. The
 * view says what to draw (`show`) and what opening and closing do to the drawing and the focus.
 */
export class TableView {
  readonly toggle: HTMLButtonElement;
  readonly box: HTMLElement;

  /** `names`: the toggle's title and the table box's name (the map's, unless given). */
  constructor(keys: string, onToggle: (open: boolean) => void, lang: Lang = "en",
    names: { title: string; name: string } = { title: word(lang, "table.title"), name: word(lang, "table.name") }) {
    this.toggle = el("button", {
      type: "button", class: "cjm-button", "data-action": "table", "aria-pressed": "false",
      "aria-keyshortcuts": keys, title: names.title,
    }, word(lang, "table.label"));
    // Focusable, so that a keyboard scrolls it; named, so that a screen reader says what it is.
    this.box = el("section", { class: "cjm-table-view", tabindex: 0, "aria-label": names.name, hidden: true });
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
