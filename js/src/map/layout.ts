// Pure layout of a journey map: which steps show, in which order, under which stages.

import type { CellValue, Journey } from "../shared/wire";
import { groupTracks, layoutTracks, rowBranches, type Track } from "./branches";

export interface Column {
  id: number;
  /** The row's position in the frame (and in every column of `cells`). */
  row: number;
  step: string;
  stage: string;
}

export interface StageGroup {
  name: string;
  /** Index of the stage's first column in `columns`. */
  start: number;
  count: number;
}

export interface MapLayout {
  columns: Column[];
  stages: StageGroup[];
  /** Alternative paths within stages (branches.ts); null or absent: none. */
  paths?: Track[] | null;
}

/** The persona's steps grouped by stage in stage order, rows in frame order within a stage. */
export function layoutMap(j: Journey, persona: string | null): MapLayout {
  const byStage = new Map<string, Column[]>();
  for (const name of j.stages) byStage.set(name, []);
  for (let row = 0; row < j.ids.length; row++) {
    if (j.persona && persona !== null && j.persona[row] !== persona) continue;
    const stage = j.stage[row];
    let bucket = byStage.get(stage);
    if (!bucket) {
      bucket = [];
      byStage.set(stage, bucket);
    }
    bucket.push({ id: j.ids[row], row, step: j.step[row], stage });
  }
  const columns: Column[] = [];
  const stages: StageGroup[] = [];
  const branches = rowBranches(j);
  for (const [name, bucket] of byStage) {
    if (bucket.length === 0) continue;
    stages.push({ name, start: columns.length, count: bucket.length });
    columns.push(...groupTracks(bucket, branches));
  }
  const paths = layoutTracks(j, persona, columns, stages);
  return paths ? { columns, stages, paths } : { columns, stages };
}

export type SelectMode = "only" | "extend" | "toggle";

/**
 * The selection after a click on step `id`: only it, the range from the anchor (Shift), or
 * it added or taken away (Ctrl); the anchor stays put for a range.
 */
export function nextSelection(columns: Column[], now: number[], anchor: number | null, id: number, mode: SelectMode):
  { ids: number[]; anchor: number | null } {
  if (mode === "extend") return { ids: selectRange(columns, anchor, id), anchor };
  if (mode === "toggle") return { ids: now.includes(id) ? now.filter((x) => x !== id) : [...now, id], anchor: id };
  return { ids: [id], anchor: id };
}

/** The ids from `anchor` to `target` inclusive, in map order (Shift+click). */
export function selectRange(columns: Column[], anchor: number | null, target: number): number[] {
  const to = columns.findIndex((c) => c.id === target);
  if (to < 0) return [];
  const from = anchor === null ? -1 : columns.findIndex((c) => c.id === anchor);
  if (from < 0) return [target];
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  return columns.slice(lo, hi + 1).map((c) => c.id);
}

export interface GridPos {
  /** -1 is the stage header row, 0 the step header row, 1.. the lanes. */
  row: number;
  col: number;
}

/** Where an arrow, Home or End key moves the focus in a grid of `rows` lanes × `cols` steps. */
export function moveFocus(
  pos: GridPos,
  key: string,
  rows: number,
  cols: number,
  stages: StageGroup[],
): GridPos {
  if (cols === 0) return pos;
  const clampCol = (c: number) => Math.max(0, Math.min(cols - 1, c));
  if (pos.row === -1) {
    const k = Math.max(0, stages.findIndex((s) => pos.col >= s.start && pos.col < s.start + s.count));
    if (key === "ArrowDown") return { row: 0, col: stages[k].start };
    if (key === "ArrowLeft" && k > 0) return { row: -1, col: stages[k - 1].start };
    if (key === "ArrowRight" && k < stages.length - 1) return { row: -1, col: stages[k + 1].start };
    if (key === "Home") return { row: -1, col: 0 };
    if (key === "End") return { row: -1, col: stages[stages.length - 1].start };
    return pos;
  }
  switch (key) {
    case "ArrowLeft":
      return { row: pos.row, col: clampCol(pos.col - 1) };
    case "ArrowRight":
      return { row: pos.row, col: clampCol(pos.col + 1) };
    case "ArrowUp":
      if (pos.row === 0) {
        const stage = stages.find((s) => pos.col >= s.start && pos.col < s.start + s.count);
        return { row: -1, col: stage ? stage.start : 0 };
      }
      return { row: pos.row - 1, col: pos.col };
    case "ArrowDown":
      return { row: Math.min(rows, pos.row + 1), col: pos.col };
    case "Home":
      return { row: pos.row, col: 0 };
    case "End":
      return { row: pos.row, col: cols - 1 };
    default:
      return pos;
  }
}

/**
 * Where the focus goes after an undo or redo touched step `id`: its column, keeping the lane
 * row (the step header from the stage row); null when the step is not shown.
 */
export function focusAfterHistory(layout: MapLayout, focus: GridPos, id: number): GridPos | null {
  const col = layout.columns.findIndex((c) => c.id === id);
  return col < 0 ? null : { row: Math.max(0, focus.row), col };
}

/**
 * The step an undo or redo touched, to focus in the same lane row. Its state may arrive after
 * the answer: asked for now and again after each redraw, and dropped once a newer state (or a
 * shown persona without that step) has been drawn.
 */
export class PendingFocus {
  private pending: { id: number; revision: number } | null = null;

  set(id: number, revision: number): void {
    this.pending = { id, revision };
  }

  /** Where to move the focus now, if the step is drawn. */
  take(layout: MapLayout, focus: GridPos, revision: number): GridPos | null {
    if (!this.pending) return null;
    const pos = focusAfterHistory(layout, focus, this.pending.id);
    if (pos || revision > this.pending.revision) this.pending = null;
    return pos;
  }
}

/** Low and high ends of a number lane over the shown steps, zero included for bars. */
export function laneExtent(values: CellValue[], rows: number[]): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const r of rows) {
    const v = values[r];
    if (typeof v !== "number" || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** A bar's left offset and width, as fractions of the cell, for `v` on the lane's extent. */
export function barGeometry(v: number, [lo, hi]: [number, number]): { left: number; width: number } {
  const span = hi - lo;
  if (span <= 0) return { left: 0, width: 0 };
  const zero = (0 - lo) / span;
  const at = (v - lo) / span;
  return { left: Math.min(zero, at), width: Math.abs(at - zero) };
}

export interface EmotionCell {
  value: number | null;
  /** y of the point, and of the curve at the cell's left and right edges (null: no segment). */
  y: number | null;
  left: number | null;
  right: number | null;
}

/** The inline emotion curve, cut into one piece per step so that the pieces join up (not
 *  across `breaks`: the columns that do not follow on from the one before). */
export function emotionCells(
  values: (number | null)[],
  [lo, hi]: [number, number],
  height: number,
  pad = 8,
  breaks?: ReadonlySet<number>,
): EmotionCell[] {
  const yOf = (v: number) => {
    const t = (hi - Math.max(lo, Math.min(hi, v))) / (hi - lo);
    return pad + t * (height - 2 * pad);
  };
  const ys = values.map((v) => (v === null || !Number.isFinite(v) ? null : yOf(v)));
  return ys.map((y, i) => {
    const prev = i > 0 && !breaks?.has(i) ? ys[i - 1] : null;
    const next = i < ys.length - 1 && !breaks?.has(i + 1) ? ys[i + 1] : null;
    return {
      value: values[i],
      y,
      left: y !== null && prev !== null ? (y + prev) / 2 : null,
      right: y !== null && next !== null ? (y + next) / 2 : null,
    };
  });
}

/** The whole scale value nearest to a click at `y` in a cell of `height` (inverse of the curve). */
export function emotionAt(y: number, [lo, hi]: [number, number], height: number, pad = 8): number {
  const t = (y - pad) / Math.max(1, height - 2 * pad);
  const v = hi - t * (hi - lo);
  return Math.max(lo, Math.min(hi, Math.round(v))) + 0; // + 0: never -0
}

export { visibleWindow, windowCovers } from "../shared/window";
