import { describe, expect, it } from "vitest";
import { PRINT_COLUMNS, printBlocks } from "./print";

describe("printBlocks", () => {
  it("keeps a short stage in one block and cuts a long one into even runs", () => {
    expect(printBlocks([{ start: 0, count: 3 }, { start: 3, count: 14 }], 6))
      .toEqual([[0, 3], [3, 8], [8, 13], [13, 17]]);
    expect(printBlocks([{ start: 0, count: 7 }], 6)).toEqual([[0, 4], [4, 7]]);
    expect(printBlocks([{ start: 0, count: 12 }], 6)).toEqual([[0, 6], [6, 12]]);
  });
  it("covers every column exactly once, in order", () => {
    const stages = [{ start: 0, count: 1 }, { start: 1, count: 6 }, { start: 7, count: 7 }, { start: 14, count: 12 }];
    const cols = printBlocks(stages).flatMap(([a, b]) => Array.from({ length: b - a }, (_, i) => a + i));
    expect(cols).toEqual(Array.from({ length: 26 }, (_, i) => i));
    expect(printBlocks(stages).every(([a, b]) => b - a >= 1 && b - a <= PRINT_COLUMNS)).toBe(true);
  });
  it("prints nothing for a map with no stages", () => {
    expect(printBlocks([])).toEqual([]);
  });
});
