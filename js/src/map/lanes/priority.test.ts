import { describe, expect, it } from "vitest";
import type { LaneSpec } from "../../shared/wire";
import { laneModule } from "./index";
import { priorityBadge, priorityContent, priorityEditor, priorityLane, priorityOp, readRank } from "./priority";

const QUADRANTS: [string, string][] = [
  ["concentrate here", "Important, and performing poorly: act here first"],
  ["keep up the good work", "Important, and performing well: keep it so"],
  ["low priority", "Less important, and performing poorly: fix when there is room"],
  ["possible overkill", "Less important, and performing well: effort may be better spent elsewhere"],
];
// A rank lane's entry as Python's wire() sends it (cjm_widgets/table/lanes/priority.py).
const ranks: LaneSpec = {
  key: "priority", label: "Priority", kind: "priority", dtype: "integer", priority: "rank", max_rank: 1_000_000,
  rank_hint: "a rank: a whole number from 1 (act first) to 1,000,000, e.g. 1, 2 or #3",
};
const maxRank = ranks.max_rank!;
const quadrants: LaneSpec = { key: "q", label: "Quadrant", kind: "priority", dtype: "text", priority: "quadrant", quadrants: QUADRANTS };

describe("priority badges", () => {
  it("shows a rank as #n, the top three standing out", () => {
    expect(priorityBadge(ranks, 1)).toMatchObject({ text: "#1", tone: "top" });
    expect(priorityBadge(ranks, 3)).toMatchObject({ text: "#3", tone: "top" });
    expect(priorityBadge(ranks, 4)).toMatchObject({ text: "#4", tone: "rank" });
    expect(priorityBadge(ranks, 1200)).toMatchObject({ text: "#1,200", tone: "rank" });
    expect(priorityBadge(ranks, 2)!.title).toContain("rank 2");
  });
  it("shows nothing for an empty cell or a value that is no rank", () => {
    for (const v of [null, Number.NaN, "1", true]) expect(priorityBadge(ranks, v)).toBeNull();
    expect(priorityContent(ranks, null)).toEqual([]);
  });
  it("colours a quadrant by its place, with its name and what it means", () => {
    expect(QUADRANTS.map(([name]) => priorityBadge(quadrants, name)!.tone)).toEqual(["q1", "q2", "q3", "q4"]);
    const badge = priorityBadge(quadrants, "concentrate here")!;
    expect(badge.text).toBe("Concentrate here");
    expect(badge.title).toBe("Concentrate here: Important, and performing poorly: act here first");
  });
  it("draws an unknown quadrant as plain text, never as a property of an object", () => {
    expect(priorityBadge(quadrants, "constructor")).toMatchObject({ text: "Constructor", tone: "other" });
    expect(priorityBadge(quadrants, "__proto__")).toMatchObject({ tone: "other" });
    expect(priorityBadge(quadrants, "<script>alert(1)</script>")!.text).toBe("<script>alert(1)</script>");
    expect(priorityBadge(quadrants, null)).toBeNull();
    expect(priorityBadge(quadrants, 2)).toBeNull();
  });
});

describe("priority editing", () => {
  it("types a rank into a number input", () => {
    expect(priorityEditor(ranks, 2)).toEqual({ type: "input", value: "2", numeric: true });
    expect(priorityEditor(ranks, null)).toEqual({ type: "input", value: "", numeric: true });
  });
  it("picks a quadrant from a list, or none", () => {
    const spec = priorityEditor(quadrants, "low priority");
    expect(spec).toEqual({
      type: "select", value: "low priority",
      choices: [["", "\u2014"], ["concentrate here", "Concentrate here"], ["keep up the good work", "Keep up the good work"],
        ["low priority", "Low priority"], ["possible overkill", "Possible overkill"]],
    });
    expect(priorityEditor(quadrants, "elsewhere")).toMatchObject({ value: "" });
  });
  it("reads a typed rank as Python does and sends it as a number, an empty cell as null", () => {
    expect(priorityOp(ranks, 7, " #2 ")).toEqual({ kind: "set_cell", id: 7, column: "priority", value: 2 });
    expect(priorityOp(ranks, 7, "  7  ")).toEqual({ kind: "set_cell", id: 7, column: "priority", value: 7 });
    expect(priorityOp(ranks, 7, " ")).toEqual({ kind: "set_cell", id: 7, column: "priority", value: null });
    expect(priorityOp(quadrants, 7, "")).toEqual({ kind: "set_cell", id: 7, column: "q", value: null });
    expect(priorityLane.op(quadrants, 3, "low priority")).toEqual({ kind: "set_cell", id: 3, column: "q", value: "low priority" });
  });
  it("takes the ranks Python takes: digits, optionally after #, from 1 to 1,000,000", () => {
    const read = (text: string) => readRank(text, maxRank);
    expect(["1", "#2", " # 5 ", "#0012", "1000000"].map(read)).toEqual([1, 2, 5, 12, 1_000_000]);
    expect(read("")).toBeNull();
    expect(read("   ")).toBeNull();
    for (const bad of ["0", "#0", "-1", "+2", "1.5", "2.0", "1e3", "1e300", "1000001", "4611686018427387904",
      "9".repeat(400), "#", "##2", "2#", "x", "Infinity", "NaN", "\uff12", "0x10"]) {
      expect(read(bad), bad).toBeNaN();
    }
  });
  it("refuses text that is no rank, saying what a rank is in the lane's words", () => {
    for (const bad of ["1000001", "1e300", "1.5", "soon"]) {
      expect(priorityOp(ranks, 7, bad)).toBe(`'${bad}' is not a priority of lane 'priority'; use ${ranks.rank_hint}`);
    }
  });
  it("takes its largest rank and its words from the lane entry", () => {
    const small: LaneSpec = { ...ranks, max_rank: 50, rank_hint: "a rank up to 50" };
    expect(priorityOp(small, 7, "50")).toEqual({ kind: "set_cell", id: 7, column: "priority", value: 50 });
    expect(priorityOp(small, 7, "51")).toBe("'51' is not a priority of lane 'priority'; use a rank up to 50");
    // An older wire's lane without them: the number goes to Python, which checks it.
    const old: LaneSpec = { ...ranks, max_rank: undefined, rank_hint: undefined };
    expect(priorityOp(old, 7, "1000001")).toMatchObject({ value: 1_000_001 });
    expect(priorityOp(old, 7, "soon")).toBe("'soon' is not a priority of lane 'priority'; use a rank");
  });
  it("is the registry's module for the priority kind", () => {
    expect(laneModule("priority")).toBe(priorityLane);
    expect(priorityLane.editOnDoubleClick).toBe(true);
  });
});
