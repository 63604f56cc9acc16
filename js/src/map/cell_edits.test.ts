import { describe, expect, it } from "vitest";
import { decodeJourney, type CellValue, type EditOp, type LaneSpec } from "../shared/wire";
import { conflictText, drawnValue, editingOf, knownConflict } from "./cell_edits";

const share: LaneSpec = { key: "drop", label: "Drop", kind: "number", dtype: "number", format: { style: "percent", digits: null } };
const pain: LaneSpec = { key: "pain", label: "Pain", kind: "text", dtype: "text" };

describe("the value drawn in the cell an op writes", () => {
  const j = decodeJourney({
    ids: [4, 7], stage: ["A", "B"], step: ["Pay", "Wait"], personas: [], step_key: "step", emotion: "feel",
    lanes: [pain, { key: "feel", label: "Feel", kind: "emotion", dtype: "number" }], cells: [["slow", null], [-1, 2]],
  });

  it("a lane's cell, the step's name, the emotion of a set_emotion", () => {
    expect(drawnValue(j, { kind: "set_cell", id: 4, column: "pain", value: null })).toBe("slow");
    expect(drawnValue(j, { kind: "set_cell", id: 7, column: "step", value: null })).toBe("Wait");
    expect(drawnValue(j, { kind: "set_emotion", id: 7, value: 0 })).toBe(2);
    expect(drawnValue(j, { kind: "set_cell", id: 7, column: "pain", value: "x" })).toBeNull();
  });

  it("none for a step or a lane not drawn, or an op on no cell", () => {
    expect(drawnValue(j, { kind: "set_cell", id: 99, column: "pain", value: null })).toBeNull();
    expect(drawnValue(j, { kind: "set_cell", id: 4, column: "gone", value: null })).toBeNull();
    expect(drawnValue(j, { kind: "rename_stage", stage: "A", name: "B" })).toBeNull();
    expect(drawnValue(j, { kind: "delete_step", id: 4 })).toBeNull();
  });
});

describe("a conflict the view knows of before sending", () => {
  const set: EditOp = { kind: "set_cell", id: 4, column: "pain", value: "late" };
  const drawn = (value: CellValue) => () => value;
  const idle = () => false;

  it("is the value drawn now when it is not the one the editor opened on", () => {
    expect(knownConflict(set, "slow", "late", idle, drawn("lost"))).toEqual({ on: "cell", current: "lost", yours: "late" });
    expect(knownConflict(set, "slow", "late", idle, drawn("slow"))).toBeNull();
    expect(knownConflict({ kind: "set_emotion", id: 4, value: 2 }, 1, "2", idle, drawn(-1))?.current).toBe(-1);
    expect(knownConflict({ kind: "set_moment", id: 4, column: "mot", value: "one-off" }, null, "one-off", idle, drawn("make-or-break"))).not.toBeNull();
  });

  it("is none while an edit of its own on the cell is unanswered (the value drawn may be that one)", () => {
    const asked: EditOp[] = [];
    const awaiting = (op: EditOp) => {
      asked.push(op);
      return true;
    };
    expect(knownConflict(set, "slow", "late", awaiting, drawn("lost"))).toBeNull();
    expect(asked).toEqual([set]);
  });

  it("is none for ops that write no cell's value, nor asked about", () => {
    const asked: EditOp[] = [];
    const awaiting = (op: EditOp) => {
      asked.push(op);
      return false;
    };
    expect(knownConflict({ kind: "delete_step", id: 4 }, "slow", "", awaiting, drawn("lost"))).toBeNull();
    expect(knownConflict({ kind: "rename_stage", stage: "A", name: "B" }, "A", "B", awaiting, drawn("C"))).toBeNull();
    expect(asked).toEqual([]);
  });
});

describe("a conflict is said in the lane's words and the view's language", () => {
  const conflict = { on: "cell" as const, current: 0.41, yours: "0.5" };

  it("the value there now as the lane shows it, and the person's text", () => {
    const text = conflictText({ type: "lane", id: 1, lane: share }, "50 %", conflict, "en");
    expect(text).toContain("41");
    expect(text).toContain("%");
    expect(text).not.toContain("0.41");
    expect(text).toContain("50 %");
  });

  it("an empty text by the language's word for it", () => {
    const en = conflictText({ type: "lane", id: 1, lane: pain }, "", { ...conflict, current: "slow" }, "en");
    expect(en).toContain("(empty)");
    const fr = conflictText({ type: "step", id: 1 }, "", { ...conflict, current: "Payer" }, "fr");
    expect(fr).toContain("(vide)");
    expect(fr).toContain("Payer");
  });
});

describe("the other views are told which cell is edited", () => {
  it("a lane by its key, a step by the step column, a stage by its name", () => {
    expect(editingOf({ type: "lane", id: 3, lane: pain }, "step")).toEqual({ id: 3, column: "pain" });
    expect(editingOf({ type: "step", id: 3 }, "name")).toEqual({ id: 3, column: "name" });
    expect(editingOf({ type: "stage", stage: "Buy" }, "step")).toEqual({ stage: "Buy" });
  });
});
