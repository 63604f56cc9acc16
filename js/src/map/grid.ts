// The map's table for a window of columns: stage and step headers, then one row per lane.
// Columns outside the window are spacers, so the table keeps its full width.

import { el } from "../shared/dom";
import { laneTitle, t, type Lang } from "../shared/i18n";
import type { LaneSpec } from "../shared/wire";
import { COLUMN_WIDTH, HEAD_WIDTH } from "./cells";
import type { LaneDrawing } from "./lanes";
import type { MapLayout, StageGroup } from "./layout";
import { drawBlueprint } from "./blueprint";
import { drawBand, trackEdges } from "./branches";

/** Names longer than this may be cut to a few lines on the map: their title gives them whole. */
export const LONG_NAME = 60;

export const STEP_ROW = 0;

export interface GridInput {
  layout: MapLayout;
  lanes: LaneSpec[];
  drawings: LaneDrawing[];
  persona: string | null;
  window: [number, number];
  /** The language of the headers (English when not given). */
  lang?: Lang;
  /** Draw the service blueprint's lines between the lanes' groups (see blueprint.ts). */
  blueprint?: boolean;
}

export interface DrawnGrid {
  table: HTMLTableElement;
  /** Cells by [row + 1][col]: row -1 is the stage header (0 here), 0 the step header. */
  cells: HTMLElement[][];
}

export function drawGrid({ layout, lanes, drawings, persona, window: [start, end], lang = "en", blueprint = false }: GridInput): DrawnGrid {
  const { columns, stages } = layout;
  const count = columns.length;
  const cells = Array.from({ length: lanes.length + 2 }, () => new Array<HTMLElement>(count));
  const leftWidth = start * COLUMN_WIDTH;
  const rightWidth = (count - end) * COLUMN_WIDTH;
  const spacer = (width: number) => (width > 0 ? el("td", { class: "cjm-spacer", "aria-hidden": "true" }) : null);
  const edges = trackEdges(layout.paths, count);
  const stageStart = (col: number) =>
    (col > 0 && columns[col - 1].stage !== columns[col].stage ? " cjm-stage-start" : "") + edges[col];

  const stageRow = drawStageRow(stages, [start, end], count, cells[0], lang);

  const stepRow = el("tr", { class: "cjm-steps" }, el("th", { class: "cjm-lane-head", scope: "row" }, t(lang, "lane.step")),
    spacer(leftWidth));
  for (let col = start; col < end; col++) {
    const c = columns[col];
    const marks = drawings.map((d) => d.stepMark?.(col) ?? null);
    const th = el("th", {
      class: "cjm-step" + stageStart(col), scope: "col", tabindex: -1,
      "data-id": c.id, "data-row": STEP_ROW, "data-col": col, "aria-colindex": col + 2,
    }, ...marks, el("span", c.step.length > LONG_NAME ? { class: "cjm-step-name is-long", title: c.step } : { class: "cjm-step-name" }, c.step));
    stepRow.append(th);
    cells[1][col] = th;
  }
  stepRow.append(spacer(rightWidth) ?? "");

  const body = el("tbody");
  lanes.forEach((lane, index) => {
    const drawing = drawings[index];
    const tr = el("tr", { class: `cjm-lane cjm-kind-${lane.kind}`, "data-lane": lane.key },
      el("th", { class: "cjm-lane-head", scope: "row" }, laneTitle(lang, lane)), spacer(leftWidth));
    for (let col = start; col < end; col++) {
      const td = el("td", {
        class: "cjm-cell" + stageStart(col), role: "gridcell", tabindex: -1, style: drawing.cellStyle,
        "data-id": columns[col].id, "data-row": index + 1, "data-col": col, "aria-colindex": col + 2,
      }, ...drawing.cell(col));
      tr.append(td);
      cells[index + 2][col] = td;
    }
    tr.append(spacer(rightWidth) ?? "");
    body.append(tr);
  });

  const cols = drawColumns([start, end], count);
  const table = el("table", {
    class: "cjm-grid", role: "grid", "aria-label": persona === null ? t(lang, "map.name") : t(lang, "map.name_persona", { persona }),
    "aria-rowcount": lanes.length + 2, "aria-colcount": count + 1,
  }, cols, el("thead", {}, stageRow, layout.paths ? drawBand(layout.paths, [start, end], (side) => spacer(side === "left" ? leftWidth : rightWidth), lang) : null, stepRow), body);
  if (layout.paths) {
    table.classList.add("has-tracks");
    table.setAttribute("aria-rowcount", String(lanes.length + 3)); // the band is a row too
  }
  table.style.width = `${HEAD_WIDTH + COLUMN_WIDTH * count}px`;
  if (blueprint) drawBlueprint(table, lanes, lang);
  return { table, cells };
}

/** A spacer standing for the columns outside the window (none when there are none). */
export function spacerCell(width: number): HTMLElement | null {
  return width > 0 ? el("td", { class: "cjm-spacer", "aria-hidden": "true" }) : null;
}

/** The stage header row over the window's columns, each stage's cell set in `heads` by column. */
export function drawStageRow(stages: StageGroup[], [start, end]: [number, number], count: number, heads: HTMLElement[],
  lang: Lang): HTMLTableRowElement {
  const row = el("tr", { class: "cjm-stages" }, el("th", { class: "cjm-corner", scope: "col" }, t(lang, "lane.stage")),
    spacerCell(start * COLUMN_WIDTH));
  for (const group of stages) {
    const from = Math.max(start, group.start);
    const to = Math.min(end, group.start + group.count);
    if (from >= to) continue;
    const th = el("th", {
      class: "cjm-stage", scope: "colgroup", colspan: to - from, tabindex: -1,
      "data-stage": group.name, "data-row": -1, "data-col": group.start, "aria-colindex": from + 2,
    }, el("span", { class: "cjm-stage-name", title: group.name.length > LONG_NAME ? group.name : null }, group.name));
    for (let c = from; c < to; c++) heads[c] = th;
    row.append(th);
  }
  row.append(spacerCell((count - end) * COLUMN_WIDTH) ?? "");
  return row;
}

/** The table's columns: the lane titles', the window's steps' and the spacers'. */
export function drawColumns([start, end]: [number, number], count: number): HTMLTableColElement {
  const cols = el("colgroup", {}, el("col", { class: "cjm-col-head" }));
  if (start > 0) cols.append(el("col", { style: `width: ${start * COLUMN_WIDTH}px` }));
  for (let col = start; col < end; col++) cols.append(el("col", { class: "cjm-col-step" }));
  if (count > end) cols.append(el("col", { style: `width: ${(count - end) * COLUMN_WIDTH}px` }));
  return cols;
}

/** Mark the selected steps' cells (the step headers also for assistive technology). */
export function paintSelection(cells: HTMLElement[][], ids: number[]): void {
  const selected = new Set(ids);
  cells.slice(1).forEach((row, k) => {
    row.forEach((cell) => {
      const on = selected.has(Number(cell.dataset.id));
      cell.classList.toggle("is-selected", on);
      if (k === 0) cell.setAttribute("aria-selected", String(on));
    });
  });
}
