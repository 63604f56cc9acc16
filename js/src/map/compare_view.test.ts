import { describe, expect, it } from "vitest";
import { decodeJourney } from "../shared/wire";
import { compareLayout, trackLayout } from "./compare";
import { sideSelection, trackPlan } from "./compare_view";
import { layoutMap, type GridPos } from "./layout";
import { plan } from "./toolbar";

/** A journey from rows of [id, persona, stage, step]: Ana sees an ad, compares, pays; Bo sees
 * an ad, reads reviews, pays and tracks the parcel. */
const rows: [number, string, string, string][] = [
  [10, "Ana", "Look", "See ad"], [11, "Ana", "Look", "Compare"], [12, "Ana", "Buy", "Pay"],
  [20, "Bo", "Look", "See ad"], [21, "Bo", "Look", "Read reviews"], [22, "Bo", "Buy", "Pay"], [23, "Bo", "Use", "Track parcel"],
];
const personas = decodeJourney({
  ids: rows.map((r) => r[0]), persona: rows.map((r) => r[1]), personas: ["Ana", "Bo"],
  stage: rows.map((r) => r[2]), step: rows.map((r) => r[3]), stages: ["Look", "Buy", "Use"], lanes: [], cells: [],
});

/** Two tracks: a step header (row 0) picks its column's two steps, a sub-row its own. */
const pick = (pos: GridPos): number[] => (pos.row === 0 ? [10 + pos.col, 20 + pos.col] : [10 + pos.col]);

describe("side by side, a click or Space selects by cell or column", () => {
  it("selects the focused cell's step, or a header's column, and anchors there", () => {
    expect(sideSelection(pick, { row: 1, col: 2 }, [99], null, "only")).toEqual({ ids: [12], anchor: 2 });
    expect(sideSelection(pick, { row: 0, col: 2 }, [], 5, "only")).toEqual({ ids: [12, 22], anchor: 2 });
  });

  it("Ctrl adds what is not selected yet, or takes away what all is", () => {
    expect(sideSelection(pick, { row: 0, col: 1 }, [11, 5], null, "toggle")).toEqual({ ids: [11, 5, 21], anchor: 1 });
    expect(sideSelection(pick, { row: 0, col: 1 }, [21, 5, 11], 0, "toggle")).toEqual({ ids: [5], anchor: 1 });
  });

  it("Shift adds the columns from the anchor, which stays; with no anchor it selects and anchors", () => {
    expect(sideSelection(pick, { row: 1, col: 1 }, [], 3, "extend")).toEqual({ ids: [11, 12, 13], anchor: 3 });
    expect(sideSelection(pick, { row: 0, col: 0 }, [], 1, "extend")).toEqual({ ids: [10, 20, 11, 21], anchor: 1 });
    expect(sideSelection(pick, { row: 1, col: 4 }, [], null, "extend")).toEqual({ ids: [14], anchor: 4 });
  });
});

describe("side by side, a toolbar step action acts on the focused track's step", () => {
  const side = compareLayout(personas, "Ana", true)!;
  const bo = trackLayout(side, 1);
  // Bo's sub-row: his own layout, the focus at his step's place in it (null on his gaps).
  const track = (pos: GridPos) => (bo.cols.includes(pos.col) ? { layout: bo.layout, focus: { ...pos, col: bo.cols.indexOf(pos.col) } } : null);
  const noState = () => null;

  it("inserts after the track's step and keeps the focus on its sub-row", () => {
    const next = trackPlan(track, noState, "insert", side, { row: 2, col: 2 }, "en");
    expect(next?.op).toEqual({ kind: "insert_step", after: 21, lang: "en" });
    expect(next?.focus).toEqual({ row: 2, col: 3 });
    expect(trackPlan(track, noState, "delete", side, { row: 2, col: 4 }, "en")?.op).toEqual({ kind: "delete_step", id: 23 });
  });

  it("does nothing on a gap but add a stage", () => {
    expect(trackPlan(track, noState, "insert", side, { row: 2, col: 1 }, "en")).toBeNull();
    expect(trackPlan(track, noState, "stage", side, { row: 2, col: 1 }, "en")?.op.kind).toBe("add_stage");
  });

  it("adds a stage on a state's sub-row in that state", () => {
    const next = trackPlan(track, () => "draft", "stage", side, { row: 2, col: 2 }, "fr");
    expect(next?.op).toEqual({ kind: "add_stage", after: "Look", lang: "fr", state: "draft" });
    expect(trackPlan(track, () => "draft", "insert", side, { row: 2, col: 2 }, "en")?.op).not.toHaveProperty("state");
  });

  it("one track shown: the toolbar's own plan", () => {
    const one = layoutMap(personas, "Bo");
    for (const action of ["insert", "delete", "left", "right", "stage"] as const) {
      expect(trackPlan(null, noState, action, one, { row: 1, col: 1 }, "en")).toEqual(plan(action, one, { row: 1, col: 1 }, "en"));
    }
  });
});
