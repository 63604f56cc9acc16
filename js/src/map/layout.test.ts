import { describe, expect, it } from "vitest";
import { decodeJourney, type Journey } from "../shared/wire";
import {
  barGeometry,
  emotionAt,
  emotionCells,
  laneExtent,
  layoutMap,
  moveFocus,
  nextSelection,
  selectRange,
  visibleWindow,
  windowCovers,
} from "./layout";

function journey(partial: Partial<Journey>): Journey {
  return decodeJourney({ ...partial });
}

const j = journey({
  ids: [1, 2, 3, 4, 5],
  stage: ["Buy", "Look", "Buy", "Look", "Use"],
  step: ["pay", "see", "cart", "compare", "open"],
  stages: ["Look", "Buy", "Use"],
  persona: ["a", "a", "a", "b", "a"],
  personas: ["a", "b"],
});

describe("layoutMap", () => {
  it("groups steps by stage order, keeping row order inside a stage", () => {
    const { columns, stages } = layoutMap(j, null);
    expect(columns.map((c) => c.step)).toEqual(["see", "compare", "pay", "cart", "open"]);
    expect(stages).toEqual([
      { name: "Look", start: 0, count: 2 },
      { name: "Buy", start: 2, count: 2 },
      { name: "Use", start: 4, count: 1 },
    ]);
  });

  it("shows one persona's steps and drops stages it has none in", () => {
    const { columns, stages } = layoutMap(j, "b");
    expect(columns.map((c) => [c.id, c.row])).toEqual([[4, 3]]);
    expect(stages.map((s) => s.name)).toEqual(["Look"]);
  });

  it("gives an empty layout for an empty journey", () => {
    expect(layoutMap(decodeJourney(null), null)).toEqual({ columns: [], stages: [] });
    expect(decodeJourney({ ids: "nope" }).ids).toEqual([]);
  });
});

describe("selectRange", () => {
  const { columns } = layoutMap(j, null);
  it("extends from the anchor in map order, either way", () => {
    expect(selectRange(columns, 2, 3)).toEqual([2, 4, 1, 3]);
    expect(selectRange(columns, 3, 4)).toEqual([4, 1, 3]);
    expect(selectRange(columns, null, 5)).toEqual([5]);
    expect(selectRange(columns, 2, 99)).toEqual([]);
  });
  it("selects one step, a range from the anchor, or toggles one (Ctrl)", () => {
    expect(nextSelection(columns, [4], 2, 5, "only")).toEqual({ ids: [5], anchor: 5 });
    expect(nextSelection(columns, [2], 2, 3, "extend")).toEqual({ ids: [2, 4, 1, 3], anchor: 2 });
    expect(nextSelection(columns, [2, 4], 2, 4, "toggle")).toEqual({ ids: [2], anchor: 4 });
    expect(nextSelection(columns, [2], 2, 1, "toggle")).toEqual({ ids: [2, 1], anchor: 1 });
  });
});

describe("moveFocus", () => {
  const stages = [
    { name: "A", start: 0, count: 2 },
    { name: "B", start: 2, count: 3 },
  ];
  it("moves by arrows and clamps at the edges", () => {
    expect(moveFocus({ row: 1, col: 0 }, "ArrowLeft", 3, 5, stages)).toEqual({ row: 1, col: 0 });
    expect(moveFocus({ row: 1, col: 4 }, "ArrowRight", 3, 5, stages)).toEqual({ row: 1, col: 4 });
    expect(moveFocus({ row: 3, col: 2 }, "ArrowDown", 3, 5, stages)).toEqual({ row: 3, col: 2 });
    expect(moveFocus({ row: 2, col: 2 }, "Home", 3, 5, stages)).toEqual({ row: 2, col: 0 });
    expect(moveFocus({ row: 2, col: 2 }, "End", 3, 5, stages)).toEqual({ row: 2, col: 4 });
  });
  it("goes up from a step to its stage and across stages", () => {
    expect(moveFocus({ row: 0, col: 3 }, "ArrowUp", 3, 5, stages)).toEqual({ row: -1, col: 2 });
    expect(moveFocus({ row: -1, col: 2 }, "ArrowLeft", 3, 5, stages)).toEqual({ row: -1, col: 0 });
    expect(moveFocus({ row: -1, col: 0 }, "ArrowRight", 3, 5, stages)).toEqual({ row: -1, col: 2 });
    expect(moveFocus({ row: -1, col: 2 }, "ArrowDown", 3, 5, stages)).toEqual({ row: 0, col: 2 });
  });
});

describe("number lanes", () => {
  it("spans zero and the shown values only", () => {
    expect(laneExtent([5, null, -2, 40], [0, 1, 2])).toEqual([-2, 5]);
    expect(laneExtent([3, 9], [0, 1])).toEqual([0, 9]);
  });
  it("draws bars from zero", () => {
    expect(barGeometry(5, [0, 10])).toEqual({ left: 0, width: 0.5 });
    expect(barGeometry(-2, [-2, 2])).toEqual({ left: 0, width: 0.5 });
    expect(barGeometry(3, [0, 0])).toEqual({ left: 0, width: 0 });
  });
});

describe("emotion curve", () => {
  const scale: [number, number] = [-3, 3];
  it("maps the scale onto the cell height and joins neighbours half-way", () => {
    const cells = emotionCells([3, -3, null, 0], scale, 64);
    expect(cells[0].y).toBe(8);
    expect(cells[1].y).toBe(56);
    expect(cells[0].right).toBe(32);
    expect(cells[1].left).toBe(32);
    expect(cells[1].right).toBeNull();
    expect(cells[2].y).toBeNull();
    expect(cells[3].left).toBeNull();
    expect(cells[3].y).toBe(32);
  });
  it("never draws outside the scale", () => {
    const cells = emotionCells([7, -9], scale, 64);
    expect(cells.map((c) => c.y)).toEqual([8, 56]);
  });
  it("turns a click height back into the nearest whole scale value", () => {
    expect(emotionAt(8, scale, 64)).toBe(3);
    expect(emotionAt(32, scale, 64)).toBe(0);
    expect(emotionAt(17, scale, 64)).toBe(2);
    expect(emotionAt(200, scale, 64)).toBe(-3);
    for (let v = -3; v <= 3; v++) {
      const [cell] = emotionCells([v], scale, 64);
      expect(emotionAt(cell.y!, scale, 64)).toBe(v);
    }
  });
});

describe("visibleWindow", () => {
  it("draws the columns in view plus overscan, clamped to the map", () => {
    expect(visibleWindow(0, 1000, 300, 100, 5)).toEqual([0, 15]);
    expect(visibleWindow(5000, 1000, 300, 100, 5)).toEqual([45, 65]);
    expect(visibleWindow(29_500, 1000, 300, 100, 5)).toEqual([290, 300]);
    expect(visibleWindow(0, 0, 3, 100, 5)).toEqual([0, 3]);
    expect(visibleWindow(0, 1000, 0, 100, 5)).toEqual([0, 0]);
  });
  it("redraws only when the columns in view are not all drawn", () => {
    expect(windowCovers([40, 70], [45, 65], 5, 300)).toBe(true);
    expect(windowCovers([40, 70], [50, 70], 5, 300)).toBe(true);
    expect(windowCovers([40, 70], [60, 80], 5, 300)).toBe(false);
  });
});
