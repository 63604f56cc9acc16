import { describe, expect, it } from "vitest";
import { decodeJourney, type Journey } from "../shared/wire";
import { applyCells, changedCells, currentJourney } from "./patch";

function journey(over: Record<string, unknown> = {}): Journey {
  return decodeJourney({
    revision: 1, ids: [1, 2, 3], stage: ["A", "A", "B"], step: ["x", "y", "z"], personas: [],
    lanes: [{ key: "pain", label: "Pain", kind: "text", dtype: "text" }, { key: "n", label: "N", kind: "number", dtype: "number" }],
    cells: [["a", null, "c"], [1, 2, 3]], step_key: "step", emotion: null, scale: [-2, 2], priorities: null, ...over,
  });
}

describe("a journey that changed in a few cells is drawn again cell by cell", () => {
  it("finds the text cells that changed, and nothing when nothing did", () => {
    expect(changedCells(journey(), journey({ revision: 2, cells: [["a", "b", "c"], [1, 2, 3]] }))).toEqual([[0, 1]]);
    expect(changedCells(journey(), journey({ revision: 2 }))).toEqual([]);
  });

  it("draws the whole map for a number, a step, a stage or a new lane", () => {
    expect(changedCells(journey(), journey({ cells: [["a", null, "c"], [1, 2, 30]] }))).toBeNull();
    expect(changedCells(journey(), journey({ step: ["x", "y", "w"] }))).toBeNull();
    expect(changedCells(journey(), journey({ stage: ["A", "B", "B"] }))).toBeNull();
    expect(changedCells(journey(), journey({ ids: [1, 2, 4] }))).toBeNull();
    expect(changedCells(journey(), journey({ lanes: [{ key: "pain", label: "Pain", kind: "text", dtype: "text" }], cells: [["a", null, "c"]] }))).toBeNull();
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
