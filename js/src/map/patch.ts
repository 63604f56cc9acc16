// A journey that differs from the one drawn only in some lane cells: those cells are drawn
// again (or the lane's, or a step header's marks), not the whole map.

import type { Journey } from "../shared/wire";
import { laneModule } from "./lanes";

/** Fields a cell redraw shows all the same: the priorities panel is shown again after it. */
const SHOWN_ANYWAY = new Set(["cells", "revision", "priorities"]);

/** The changed cells, as [lane index, frame row] pairs, when nothing else changed; null when
 * the map must be drawn again (another field changed: steps, stages, lanes, personas...). */
export function changedCells(before: Journey, after: Journey): [number, number][] | null {
  if (before.lanes.length !== after.lanes.length || before.ids.length !== after.ids.length) return null;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (SHOWN_ANYWAY.has(key)) continue;
    const a = (before as unknown as Record<string, unknown>)[key];
    const b = (after as unknown as Record<string, unknown>)[key];
    if (a !== b && JSON.stringify(a) !== JSON.stringify(b)) return null;
  }
  const changed: [number, number][] = [];
  for (let lane = 0; lane < after.lanes.length; lane++) {
    const was = before.cells[lane] ?? [];
    const now = after.cells[lane] ?? [];
    if (was === now) continue;
    if (was.length !== now.length) return null;
    for (let row = 0; row < now.length; row++) {
      if (was[row] !== now[row]) changed.push([lane, row]);
    }
  }
  return changed;
}

/** What changed cells draw again in the window of map columns drawn: the lanes prepared again,
 * their [lane, map column] cells, and the changed ones (a lane's mark on the step header, such
 * as a moment's star, follows them). */
export interface CellRedraw {
  lanes: number[];
  cells: [number, number][];
  changed: [number, number][];
}

/**
 * The cells to draw again for `changed` (see changedCells): the changed ones of a lane whose
 * cells show their own value, every drawn one of a lane that draws from its neighbours or its
 * extent (its module's `redraws`). `columnOf` maps a frame row to its map column (rows of
 * personas not shown have none); `drawn` is the window of columns drawn, end excluded.
 */
export function cellRedraw(before: Journey, after: Journey, changed: [number, number][],
  columnOf: ReadonlyMap<number, number>, drawn: [number, number]): CellRedraw {
  const rowsOf = new Map<number, number[]>();
  for (const [lane, row] of changed) rowsOf.set(lane, [...(rowsOf.get(lane) ?? []), row]);
  const cells: [number, number][] = [];
  const own: [number, number][] = [];
  const inWindow = (col: number | undefined): col is number => col !== undefined && col >= drawn[0] && col < drawn[1];
  for (const [lane, rows] of rowsOf) {
    const spec = after.lanes[lane];
    const scope = laneModule(spec.kind).redraws?.(spec, before.cells[lane] ?? [], after.cells[lane] ?? []) ?? "lane";
    const cols = scope === "cell" ? rows.map((row) => columnOf.get(row)).filter(inWindow)
      : Array.from({ length: Math.max(0, drawn[1] - drawn[0]) }, (_, i) => drawn[0] + i);
    for (const col of cols) cells.push([lane, col]);
    for (const col of rows.map((row) => columnOf.get(row)).filter(inWindow)) own.push([lane, col]);
  }
  return { lanes: [...rowsOf.keys()], cells, changed: own };
}

type Raw = Record<string, unknown> & { revision?: unknown; cells?: unknown };

/** The journeys patched on this page, by model: newer than the model's `_journey` until
 * Python next sends it whole (a model's own state is never written to: it would be sent back). */
const patched = new WeakMap<object, Raw>();

export const revisionOf = (j: unknown): number => {
  const r = typeof j === "object" && j !== null ? (j as Raw).revision : undefined;
  return typeof r === "number" ? r : -1;
};

/** The journey as it stands now: the model's, or a newer one patched from Python's messages. */
export function currentJourney(model: { get(name: string): unknown }): unknown {
  const synced = model.get("_journey") as Raw | null;
  const mine = patched.get(model);
  return mine && revisionOf(mine) > revisionOf(synced) ? mine : synced;
}

/**
 * A `journey_cells` message (after a one-cell edit Python sends only the changed cells, on
 * the revision `base`): "applied" (or "seen", by another view of this page) when the journey
 * now stands at its revision, "stale" when this page holds another revision than its base
 * (ask for the whole journey), null for any other message.
 */
export function applyCells(model: { get(name: string): unknown }, msg: unknown): "applied" | "seen" | "stale" | null {
  if (typeof msg !== "object" || msg === null || (msg as { type?: unknown }).type !== "journey_cells") return null;
  const { base, revision, cells, fields } = msg as { base?: unknown; revision?: unknown; cells?: unknown; fields?: unknown };
  const now = currentJourney(model) as Raw | null;
  if (typeof revision !== "number" || now === null || typeof now !== "object") return "stale";
  if (revisionOf(now) >= revision) return "seen";
  if (revisionOf(now) !== base || !Array.isArray(now.cells)) return "stale";
  const lanes = [...now.cells];
  for (const [i, values] of Object.entries(typeof cells === "object" && cells !== null ? cells : {})) {
    const at = Number(i);
    if (Number.isInteger(at) && at >= 0 && at < lanes.length && Array.isArray(values)) lanes[at] = values;
  }
  const changed = typeof fields === "object" && fields !== null ? fields as Raw : {};
  patched.set(model, { ...now, ...changed, cells: lanes, revision });
  return "applied";
}
