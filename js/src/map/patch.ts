// A journey that differs from the one drawn only in some cells of lanes whose cells draw on
// their own (text, channels): those cells are drawn again, not the whole map.

import type { Journey } from "../shared/wire";

/** Lane kinds whose cell shows its own value only (a number's bar depends on the column's
 * extent, an emotion's line on its neighbours, a moment's star on the step header, a rank on
 * the others). */
const ON_THEIR_OWN = new Set(["text", "channel"]);

/** The changed cells, as [lane index, frame row] pairs, when nothing else changed; null when
 * the map must be drawn again (another field changed, or a lane that does not draw cell by cell). */
export function changedCells(before: Journey, after: Journey): [number, number][] | null {
  if (before.lanes.length !== after.lanes.length || before.ids.length !== after.ids.length) return null;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (key === "cells" || key === "revision") continue;
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
      if (was[row] === now[row]) continue;
      if (!ON_THEIR_OWN.has(after.lanes[lane].kind)) return null;
      changed.push([lane, row]);
    }
  }
  return changed;
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
