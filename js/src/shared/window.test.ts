import { describe, expect, it } from "vitest";
import { visibleWindow, windowCovers } from "./window";

describe("windowCovers at the ends of the map", () => {
  // 26 steps of 100 px in a 1000 px view, 6 columns of overscan.
  const count = 26;
  const at = (scrollLeft: number) => visibleWindow(scrollLeft, 1000, count, 100, 6);

  it("redraws the first steps when scrolling back from the middle", () => {
    const middle = at(900); // steps 9..19 in view
    expect(middle).toEqual([3, 25]);
    expect(windowCovers(middle, at(0), 6, count)).toBe(false);
    expect(windowCovers(at(0), at(0), 6, count)).toBe(true);
  });

  it("redraws the last steps at the right end", () => {
    // Drawn up to step 23 (say from before the map grew), then scrolled to the end.
    expect(at(1600)).toEqual([10, 26]);
    expect(windowCovers([10, 23], at(1600), 6, count)).toBe(false);
    expect(windowCovers(at(1600), at(1600), 6, count)).toBe(true);
  });

  it("still skips redraws for short scrolls in the middle", () => {
    expect(windowCovers([40, 70], [45, 65], 5, 300)).toBe(true);
    expect(windowCovers([40, 70], [60, 80], 5, 300)).toBe(false);
  });
});
