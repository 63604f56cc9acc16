import { describe, expect, it } from "vitest";
import { decodeJourney, type Journey } from "../shared/wire";
import { applyCells, cellRedraw, changedCells, currentJourney } from "./patch";

function journey(over: Record<string, unknown> = {}): Journey {
  return decodeJourney({
    revision: 1, ids: [1, 2, 3], stage: ["A", "A", "B"], step: ["x", "y", "z"], personas: [],
    lanes: [{ key: "pain", label: "Pain", kind: "text", dtype: "text" }, { key: "n", label: "N", kind: "number", dtype: "number" }],
    cells: [["a", null, "c"], [1, 2, 3]], step_key: "step", emotion: null, scale: [-2, 2], priorities: null, ...over,
  });
}

describe("a journey that changed in a few cells is drawn again cell by cell", () => {
  it("finds the cells that changed, of every lane kind, and nothing when nothing did", () => {
    expect(changedCells(journey(), journey({ revision: 2, cells: [["a", "b", "c"], [1, 2, 3]] }))).toEqual([[0, 1]]);
    expect(changedCells(journey(), journey({ cells: [["a", null, "c"], [1, 2, 30]] }))).toEqual([[1, 2]]);
    expect(changedCells(journey(), journey({ revision: 2 }))).toEqual([]);
    // The priorities panel is shown again after a cell redraw: a new ranking needs no more.
    expect(changedCells(journey(), journey({ priorities: { lane: "n", items: [{ id: 2 }] } }))).toEqual([]);
  });

  it("draws the whole map for a step, a stage, a persona or a new lane", () => {
    expect(changedCells(journey(), journey({ step: ["x", "y", "w"] }))).toBeNull();
    expect(changedCells(journey(), journey({ stage: ["A", "B", "B"] }))).toBeNull();
    expect(changedCells(journey(), journey({ ids: [1, 2, 4] }))).toBeNull();
    expect(changedCells(journey(), journey({ personas: ["Ann"] }))).toBeNull();
    expect(changedCells(journey(), journey({ lanes: [{ key: "pain", label: "Pain", kind: "text", dtype: "text" }], cells: [["a", null, "c"]] }))).toBeNull();
  });
});

describe("what changed cells draw again", () => {
  const lane = (key: string, kind: string, dtype = "number") => ({ key, label: key, kind, dtype });
  const lanes = [lane("pain", "text", "text"), lane("n", "number"), lane("emotion", "emotion"), lane("moment", "moment", "text"), lane("rank", "priority")];
  const map = (cells: unknown[][]) => journey({ ids: [1, 2, 3, 4], stage: ["A", "A", "B", "B"], step: ["w", "x", "y", "z"], lanes, cells });
  const before = map([["a", "b", "c", "d"], [1, 2, 3, 4], [0, 1, 2, 3], [null, null, null, null], [1, 2, 3, 4]]);
  // Frame rows 0..3 are map columns 3, 2, 1, 0 (a reordered map); columns 0..2 are drawn.
  const columnOf = new Map([[0, 3], [1, 2], [2, 1], [3, 0]]);
  const plan = (cells: unknown[][]) => {
    const after = map(cells);
    return cellRedraw(before, after, changedCells(before, after) ?? [], columnOf, [0, 3]);
  };

  it("a text, a rank or a moment: the changed cell alone, where it is drawn", () => {
    expect(plan([["a", "B", "c", "d"], [1, 2, 3, 4], [0, 1, 2, 3], [null, "one-off", null, null], [2, 1, 3, 4]])).toEqual({
      // The ranks of rows 0 and 1 swapped: row 0 is in column 3, not drawn now.
      lanes: [0, 3, 4], cells: [[0, 2], [3, 2], [4, 2]], changed: [[0, 2], [3, 2], [4, 2]],
    });
    // Not drawn now (column 3 is out of the window): drawn from the new values when scrolled to.
    expect(plan([["A", "b", "c", "d"], [1, 2, 3, 4], [0, 1, 2, 3], [null, null, null, null], [1, 2, 3, 4]]).cells).toEqual([]);
  });

  it("a number inside the lane's extent: its cell; one that stretches it: every bar of the lane", () => {
    expect(plan([["a", "b", "c", "d"], [1, 2, 4, 4], [0, 1, 2, 3], [null, null, null, null], [1, 2, 3, 4]]).cells).toEqual([[1, 1]]);
    expect(plan([["a", "b", "c", "d"], [1, 2, 40, 4], [0, 1, 2, 3], [null, null, null, null], [1, 2, 3, 4]]).cells)
      .toEqual([[1, 0], [1, 1], [1, 2]]);
  });

  it("an emotion: every drawn cell of its curve (a point's neighbours draw the segments to it)", () => {
    expect(plan([["a", "b", "c", "d"], [1, 2, 3, 4], [0, 1, -2, 3], [null, null, null, null], [1, 2, 3, 4]])).toEqual({
      lanes: [2], cells: [[2, 0], [2, 1], [2, 2]], changed: [[2, 1]],
    });
  });
});

describe("a one-cell edit comes as its cells, on the revision the page holds", () => {
  const model = (journey: unknown) => ({ get: (name: string) => (name === "_journey" ? journey : undefined) });
  const synced = { revision: 3, ids: [1, 2], cells: [["a", "b"], [1, 2]] };

  it("patches the journey, once for every view of the page, and never the model's own", () => {
    const m = model(synced);
    const msg = { type: "journey_cells", base: 3, revision: 4, cells: { 0: ["a", "B"] }, fields: {} };
    expect(applyCells(m, msg)).toBe("applied");
    expect(currentJourney(m)).toEqual({ revision: 4, ids: [1, 2], cells: [["a", "B"], [1, 2]] });
    expect(applyCells(m, msg)).toBe("seen"); // the second view of the page
    expect(synced.cells[0]).toEqual(["a", "b"]);
    expect(applyCells(m, { type: "other" })).toBeNull();
  });

  it("says a patch on another revision is stale, and a whole journey sent later wins", () => {
    const m = model(synced);
    expect(applyCells(m, { type: "journey_cells", base: 2, revision: 5, cells: {}, fields: {} })).toBe("stale");
    expect(currentJourney(m)).toBe(synced);
  });
});
