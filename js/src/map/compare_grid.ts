// The map's table side by side: stage and step headers over the aligned columns, then each
// lane as one sub-row per track (persona or state), a gap where a track has no such step.
// Visual rows are numbered as the one-track grid's (row 0 the step header), so the view's
// keyboard moves over them alike: lane i's sub-row of track k is row 1 + i × tracks + k.

import "./compare.css";
import { el, svg } from "../shared/dom";
import { laneTitle, t, type Lang } from "../shared/i18n";
import type { CellValue, Journey, LaneSpec } from "../shared/wire";
import { drawBlueprint } from "./blueprint";
import { COLUMN_WIDTH, HEAD_WIDTH } from "./cells";
import { cellDiff, MARK_SHAPES, markWord, selectedBy, trackCell, trackLabel, visualRow, type CompareLayout } from "./compare";
import { drawColumns, drawStageRow, LONG_NAME, spacerCell, type DrawnGrid } from "./grid";
import { laneModule, type LaneDrawing } from "./lanes";

/** One drawing per visual row: each lane prepared once per track, over that track's rows. */
export function compareDrawings(j: Journey, layout: CompareLayout, lang: Lang): LaneDrawing[] {
  const out: LaneDrawing[] = [];
  j.lanes.forEach((lane, i) => {
    layout.tracks.forEach((_, k) => {
      const rows = layout.rows.map((r) => r[k]);
      const values = j.cells[i] ?? [];
      if (lane.kind !== "emotion") {
        out.push(laneModule(lane.kind).prepare({ lane, values, rows, scale: j.scale, lang }));
        return;
      }
      // A track's line runs on over the gaps between its steps: drawn over values by column,
      // a gap taking the value between its neighbours, and showing the line only.
      const bridged = bridge(rows.map((r) => (r < 0 ? undefined : values[r] ?? null)));
      const drawing = laneModule(lane.kind).prepare({ lane, values: bridged, rows: rows.map((_, col) => col), scale: j.scale, lang });
      out.push({ ...drawing, cell: (col) => (rows[col] < 0 ? lineOnly(drawing.cell(col)) : drawing.cell(col)) });
    });
  });
  return out;
}

/** Values by column, each gap (undefined) given the value on the straight line between the
 * steps either side of it; null where a side has none. */
export function bridge(values: (CellValue | undefined)[]): CellValue[] {
  const num = (v: CellValue | undefined) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  return values.map((v, col) => {
    if (v !== undefined) return v;
    let a = col - 1;
    while (a >= 0 && values[a] === undefined) a--;
    let b = col + 1;
    while (b < values.length && values[b] === undefined) b++;
    const va = a >= 0 ? num(values[a]) : null;
    const vb = b < values.length ? num(values[b]) : null;
    return va === null || vb === null ? null : va + ((vb - va) * (col - a)) / (b - a);
  });
}

/** An emotion cell's drawing without its point, label and words: a gap's part of the line. */
function lineOnly(nodes: Node[]): Node[] {
  const kept = nodes.filter((n) => !(n instanceof Element && n.classList.contains("cjm-sr")));
  for (const n of kept) {
    if (n instanceof Element) n.querySelectorAll("circle, text").forEach((x) => x.remove());
  }
  return kept;
}

export interface CompareGridInput {
  layout: CompareLayout;
  lanes: LaneSpec[];
  drawings: LaneDrawing[];
  window: [number, number];
  lang: Lang;
  /** Draw the service blueprint's lines between the lanes' groups, before each group's first
   * sub-row (see blueprint.ts). */
  blueprint?: boolean;
}

/** A small sample of a track's line (its colour, dash and point), beside its name: the legend. */
function swatch(track: number): SVGElement {
  return svg("svg", { class: `cjm-swatch cjm-track-${track % 4}`, width: 28, height: 12, viewBox: "0 0 28 12", "aria-hidden": "true" },
    svg("line", { class: "cjm-curve", x1: 1, x2: 27, y1: 6, y2: 6 }),
    svg("circle", { class: "cjm-dot", cx: 14, cy: 6, r: 4 }));
}

export function drawCompareGrid({ layout, lanes, drawings, window: [start, end], lang, blueprint = false }: CompareGridInput): DrawnGrid {
  const { columns, stages, tracks } = layout;
  const n = tracks.length;
  const count = columns.length;
  const cells = Array.from({ length: lanes.length * n + 2 }, () => new Array<HTMLElement>(count));
  const leftWidth = start * COLUMN_WIDTH;
  const rightWidth = (count - end) * COLUMN_WIDTH;
  const stageStart = (col: number) =>
    col > 0 && columns[col - 1].stage !== columns[col].stage ? " cjm-stage-start" : "";
  const names = tracks.map((name) => trackLabel(layout, name, lang));

  const stageRow = drawStageRow(stages, [start, end], count, cells[0], lang);

  const stepRow = el("tr", { class: "cjm-steps" }, el("th", { class: "cjm-lane-head", scope: "row" }, t(lang, "lane.step")),
    spacerCell(leftWidth));
  for (let col = start; col < end; col++) {
    const c = columns[col];
    const badges = layout.marks[col].map((mark) => el("span", { class: `cjm-mark cjm-mark-${mark}` },
      el("span", { class: "cjm-mark-shape", "aria-hidden": "true" }, MARK_SHAPES.get(mark) ?? ""), markWord(mark, lang)));
    // Stars and marks of the lanes, each track's in turn (a moment may be one persona's only).
    const marks = drawings.map((d, r) => {
      const k = r % n;
      return layout.ids[col][k] === null ? null : d.stepMark?.(col) ?? null;
    });
    const th = el("th", {
      class: "cjm-step" + stageStart(col), scope: "col", tabindex: -1,
      "data-id": c.id, "data-ids": selectedBy(layout, col, null).join(" "), "data-row": 0, "data-col": col, "aria-colindex": col + 2,
    }, ...badges, ...marks, el("span", c.step.length > LONG_NAME ? { class: "cjm-step-name is-long", title: c.step } : { class: "cjm-step-name" }, c.step));
    stepRow.append(th);
    cells[1][col] = th;
  }
  stepRow.append(spacerCell(rightWidth) ?? "");

  const body = el("tbody");
  lanes.forEach((lane, index) => {
    tracks.forEach((_, k) => {
      const row = visualRow(index, k, n);
      const drawing = drawings[row - 1];
      const title = laneTitle(lang, lane);
      // The lane's title on its first sub-row; every sub-row names its track (and, for a
      // screen reader, its lane too).
      const head = el("th", { class: "cjm-lane-head cjm-track-head", scope: "row" },
        k === 0 ? el("span", { class: "cjm-lane-title" }, title) : el("span", { class: "cjm-sr" }, title),
        el("span", { class: `cjm-track-name cjm-track-${k % 4}` }, swatch(k), names[k]));
      const tr = el("tr", {
        class: `cjm-lane cjm-kind-${lane.kind} cjm-track-${k % 4}` + (k === 0 ? " cjm-track-first" : ""),
        "data-lane": lane.key, "data-track": k,
      }, head, spacerCell(leftWidth));
      for (let col = start; col < end; col++) {
        const at = trackCell(layout, k, col);
        let td: HTMLElement;
        if (at.type === "gap") {
          td = el("td", {
            class: "cjm-cell cjm-gap" + stageStart(col), role: "gridcell", tabindex: -1, style: drawing.cellStyle,
            "aria-readonly": "true", "aria-label": t(lang, "compare.gap", { track: names[k] }),
            "data-row": row, "data-col": col, "data-track": k, "aria-colindex": col + 2,
          }, ...(lane.kind === "emotion" ? drawing.cell(col) : []));
        } else {
          const diff = k > 0 ? cellDiff(layout, at.id, lane, lang) : { changed: false, delta: null };
          td = el("td", {
            class: "cjm-cell" + stageStart(col) + (diff.changed ? " is-changed" : ""), role: "gridcell", tabindex: -1,
            style: drawing.cellStyle, "data-id": at.id, "data-row": row, "data-col": col, "data-track": k, "aria-colindex": col + 2,
          }, ...drawing.cell(col),
          diff.delta === null ? null : el("span", { class: "cjm-delta" }, diff.delta),
          diff.changed ? el("span", { class: "cjm-sr" }, t(lang, "compare.changed_cell")) : null);
        }
        tr.append(td);
        cells[row + 1][col] = td;
      }
      tr.append(spacerCell(rightWidth) ?? "");
      body.append(tr);
    });
  });

  const cols = drawColumns([start, end], count);
  const table = el("table", {
    class: "cjm-grid cjm-compare", role: "grid", "aria-label": t(lang, "compare.grid", { tracks: names.join(", ") }),
    "aria-rowcount": lanes.length * n + 2, "aria-colcount": count + 1, "data-tracks": layout.kind,
  }, cols, el("thead", {}, stageRow, stepRow), body);
  table.style.width = `${HEAD_WIDTH + COLUMN_WIDTH * count}px`;
  if (blueprint) drawBlueprint(table, lanes, lang);
  return { table, cells };
}

/** Mark the selected steps' cells; a step header is selected when any step it holds is. */
export function paintCompareSelection(cells: HTMLElement[][], ids: number[]): void {
  const selected = new Set(ids);
  cells.slice(1).forEach((row, k) => {
    row.forEach((cell) => {
      const held = k === 0 ? (cell.dataset.ids ?? "").split(" ").filter(Boolean).map(Number) : [Number(cell.dataset.id)];
      const on = held.some((id) => selected.has(id));
      cell.classList.toggle("is-selected", on);
      if (k === 0) cell.setAttribute("aria-selected", String(on));
    });
  });
}
