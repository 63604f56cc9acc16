// The map as a plain table, for screen readers and anyone who would rather read than scan a
// grid: every lane × step of the shown persona (the grid draws only a window of steps), stage
// headers spanning their steps, step and lane headers, each cell's text as the map shows it.
// Built from text nodes only: every string in it is the user's data.

import { el } from "../shared/dom";
import { formatEmotion, momentKind, momentTitle } from "../shared/format";
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
  stages: { name: string; span: number }[];
  steps: string[];
  /** One row per lane: its title, and each step's cell as lines of text. */
  rows: { head: string; cells: string[][] }[];
}

/** An emotion as words: its sign and value, and which side of neutral it is on. */
export function emotionWords(v: number): string {
  const side = v > 0 ? "positive" : v < 0 ? "negative" : "neutral";
  return `${formatEmotion(v)} (${side})`;
}

/** A cell's text, line by line, as its lane kind shows it in the grid. */
export function cellLines(lane: LaneSpec, v: CellValue): string[] {
  if (v === null) return [];
  switch (lane.kind) {
    case "emotion":
      return typeof v === "number" && Number.isFinite(v) ? [emotionWords(v)] : [];
    case "moment": {
      const kind = momentKind(v);
      return kind === null ? [] : [momentTitle(kind)];
    }
    case "channel":
      return [channelItems(v).join(", ")].filter((s) => s !== "");
    case "priority": {
      const badge = priorityBadge(lane, v);
      return badge ? [badge.text] : [];
    }
    case "number":
      return typeof v === "number" ? [formatLaneNumber(v, lane.format)].filter((s) => s !== "") : [];
    default:
      return lane.dtype === "text" ? splitItems(v) : [displayText(v, lane.dtype)].filter((s) => s !== "");
  }
}

/** The caption: the journey's title (or what it is), and the persona shown. */
export function tableCaption(title: unknown, persona: string | null): string {
  const name = typeof title === "string" && title.trim() !== "" ? title.trim() : "Journey map";
  return persona === null ? name : `${name} \u2014 Persona: ${persona}`;
}

export function tableModel(j: Journey, layout: MapLayout, persona: string | null, title: unknown): TableModel {
  return {
    caption: tableCaption(title, persona),
    stages: layout.stages.map((s) => ({ name: s.name, span: s.count })),
    steps: layout.columns.map((c) => c.step),
    rows: j.lanes.map((lane, i) => {
      const values = j.cells[i] ?? [];
      return { head: lane.label, cells: layout.columns.map((c) => cellLines(lane, values[c.row] ?? null)) };
    }),
  };
}

export function drawTable(t: TableModel): HTMLTableElement {
  const stageRow = el("tr", {}, el("th", { scope: "row" }, "Stage"),
    ...t.stages.map((s) => el("th", { scope: "colgroup", colspan: s.span }, s.name)));
  const stepRow = el("tr", {}, el("th", { scope: "row" }, "Step"),
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

  constructor(keys: string, onToggle: (open: boolean) => void) {
    this.toggle = el("button", {
      type: "button", class: "cjm-button", "data-action": "table", "aria-pressed": "false",
      "aria-keyshortcuts": keys, title: "Read the whole map as a table",
    }, "Table");
    // Focusable, so that a keyboard scrolls it; named, so that a screen reader says what it is.
    this.box = el("section", { class: "cjm-table-view", tabindex: 0, "aria-label": "Journey map as a table", hidden: true });
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
