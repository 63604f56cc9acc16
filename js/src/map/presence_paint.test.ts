import { describe, expect, it } from "vitest";
import { colourOf, type Presence } from "../shared/presence";
import type { LaneSpec } from "../shared/wire";
import { editedPlace, othersText, presenceMarks, type PresencePlace } from "./presence_paint";

const lanes: LaneSpec[] = [
  { key: "pain", label: "Pain", kind: "text", dtype: "text" },
  { key: "n", label: "N", kind: "number", dtype: "number" },
];
const j = { lanes, step_key: "step" };

const presence = (over: Partial<Presence> = {}): Presence => ({ selected: [], editing: null, persona: null, ...over });

/** Cells named by their place; step 9 is not drawn. */
function cellOf(at: PresencePlace): string | null {
  if ("stage" in at) return `stage:${at.stage}`;
  return at.id === 9 ? null : `${at.id}/${at.lane}`;
}

describe("another view's editor is placed on the grid", () => {
  it("in its lane, on its step's header, or on a stage's header", () => {
    expect(editedPlace({ id: 4, column: "n" }, j)).toEqual({ id: 4, lane: 1 });
    expect(editedPlace({ id: 4, column: "step" }, j)).toEqual({ id: 4, lane: -1 });
    expect(editedPlace({ stage: "Buy" }, j)).toEqual({ stage: "Buy" });
    expect(editedPlace({ stage: "" }, j)).toEqual({ stage: "" });
  });

  it("nowhere when it edits nothing", () => {
    expect(editedPlace(null, j)).toBeNull();
    expect(editedPlace({ column: "n" }, j)).toBeNull();
  });
});

describe("the other views' work is outlined in their colours", () => {
  it("dashed on the steps each selected, solid on the cell each edits", () => {
    const marks = presenceMarks(new Map([["a", presence({ selected: [1, 2], editing: { id: 3, column: "pain" } })]]), j, cellOf);
    const a = colourOf("a");
    expect([...marks]).toEqual([
      ["1/-1", { colour: a, editing: false }],
      ["2/-1", { colour: a, editing: false }],
      ["3/0", { colour: a, editing: true }],
    ]);
  });

  it("an edit outlines over a selection, a selection never over an edit", () => {
    const editsFirst = presenceMarks(new Map([
      ["a", presence({ editing: { id: 1, column: "step" } })],
      ["b", presence({ selected: [1] })],
    ]), j, cellOf);
    expect(editsFirst.get("1/-1")).toEqual({ colour: colourOf("a"), editing: true });
    const selectsFirst = presenceMarks(new Map([
      ["b", presence({ selected: [1] })],
      ["a", presence({ editing: { id: 1, column: "step" } })],
    ]), j, cellOf);
    expect(selectsFirst.get("1/-1")).toEqual({ colour: colourOf("a"), editing: true });
    // Of two selections, the later view's colour shows.
    const both = presenceMarks(new Map([["a", presence({ selected: [2] })], ["b", presence({ selected: [2] })]]), j, cellOf);
    expect(both.get("2/-1")).toEqual({ colour: colourOf("b"), editing: false });
  });

  it("leaves out steps not drawn, and marks nothing for views that do nothing", () => {
    const marks = presenceMarks(new Map([["a", presence({ selected: [9], editing: { id: 9, column: "n" } })], ["b", presence()]]), j, cellOf);
    expect(marks.size).toBe(0);
    expect(presenceMarks(new Map(), j, cellOf).size).toBe(0);
  });

  it("a stage being renamed is outlined on its header", () => {
    const marks = presenceMarks(new Map([["a", presence({ editing: { stage: "Buy" } })]]), j, cellOf);
    expect(marks.get("stage:Buy")?.editing).toBe(true);
  });
});

describe("the badge counts the other views", () => {
  it("in the view's language, one and many", () => {
    expect(othersText(1, "en")).toBe("1 other view open");
    expect(othersText(3, "en")).toBe("3 other views open");
    expect(othersText(2, "fr")).toBe("2 autres vues ouvertes");
  });
});
