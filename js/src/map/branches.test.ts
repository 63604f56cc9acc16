import { describe, expect, it } from "vitest";
import { decodeJourney, type Journey } from "../shared/wire";
import { curveBreaks, formatShare, groupTracks, layoutTracks, rowBranches, trackEdges, trackLabel, type Track } from "./branches";
import { emotionCells, layoutMap } from "./layout";

function journey(partial: Partial<Journey>): Journey {
  return decodeJourney({ ...partial });
}

// Buy has a main step, then Online and Store interleaved in the frame.
const j = journey({
  ids: [10, 11, 12, 13, 14, 15, 16],
  stage: ["Look", "Buy", "Buy", "Buy", "Buy", "Buy", "Use"],
  step: ["ad", "site", "store", "cart", "pay", "till", "open"],
  branch: [null, "Online", "Store", null, "Online", "Store", null],
  branch_share: [["Buy", "Online", 0.62], ["Buy", "Store", 0.38]],
  stages: ["Look", "Buy", "Use"],
});

describe("groupTracks", () => {
  it("puts the main path first, then each branch in first-seen order, frame order kept", () => {
    const { columns } = layoutMap(j, null);
    expect(columns.map((c) => c.step)).toEqual(["ad", "cart", "site", "pay", "store", "till", "open"]);
  });

  it("keeps every column once (no column lost or doubled)", () => {
    const bucket = [0, 1, 2, 3, 4, 5].map((row) => ({ row }));
    const grouped = groupTracks(bucket, ["b", null, "a", "b", null, "a"]);
    expect(grouped.map((c) => c.row)).toEqual([1, 4, 0, 3, 2, 5]);
    expect([...grouped].sort((a, b) => a.row - b.row)).toEqual(bucket);
  });

  it("leaves a journey without branches as it is", () => {
    const plain = journey({ ...j, branch: null });
    expect(layoutMap(plain, null).columns.map((c) => c.step)).toEqual(["ad", "site", "store", "cart", "pay", "till", "open"]);
    expect(layoutMap(plain, null).paths).toBeUndefined();
  });
});

describe("layoutTracks", () => {
  it("finds one track per branch and stage, with its share, and main path runs without", () => {
    const layout = layoutMap(j, null);
    expect(layout.paths).toEqual([
      { stage: "Look", branch: null, start: 0, count: 1, share: null },
      { stage: "Buy", branch: null, start: 1, count: 1, share: null },
      { stage: "Buy", branch: "Online", start: 2, count: 2, share: 0.62 },
      { stage: "Buy", branch: "Store", start: 4, count: 2, share: 0.38 },
      { stage: "Use", branch: null, start: 6, count: 1, share: null },
    ]);
  });

  it("makes two tracks of one branch name in two stages", () => {
    const two = journey({
      ids: [1, 2, 3], stage: ["A", "A", "B"], step: ["x", "y", "z"], stages: ["A", "B"],
      branch: ["web", "shop", "web"], branch_share: [["A", "web", 0.5], ["A", "shop", 0.5]],
    });
    const tracks = layoutMap(two, null).paths!;
    expect(tracks.map((t) => [t.stage, t.branch, t.share])).toEqual([["A", "web", 0.5], ["A", "shop", 0.5], ["B", "web", null]]);
  });

  it("takes a persona's shares only for that persona", () => {
    const p = journey({
      ids: [1, 2, 3, 4], stage: ["A", "A", "A", "A"], step: ["x", "y", "x", "y"], stages: ["A"],
      persona: ["p", "p", "q", "q"], personas: ["p", "q"], branch: ["web", "shop", "web", "shop"],
      branch_share: [["A", "web", 0.7, "p"], ["A", "shop", 0.3, "p"], ["A", "web", 0.2, "q"], ["A", "shop", 0.8, "q"]],
    });
    expect(layoutMap(p, "q").paths!.map((t) => t.share)).toEqual([0.2, 0.8]);
    expect(layoutMap(p, "p").paths!.map((t) => t.share)).toEqual([0.7, 0.3]);
  });

  it("takes each state's shares for that state's rows", () => {
    const s = journey({
      ids: [1, 2, 3, 4], stage: ["A", "A", "A", "A"], step: ["x", "y", "x", "y"], stages: ["A"],
      state: ["current", "current", "future", "future"], states: ["current", "future"], branch: ["web", "shop", "web", "shop"],
      branch_share: [["A", "web", 0.7, null, "current"], ["A", "shop", 0.3, null, "current"], ["A", "web", 0.2, null, "future"], ["A", "shop", 0.8, null, "future"]],
    });
    const stages = [{ name: "A", start: 0, count: 2 }];
    const columns = (rows: number[]) => rows.map((row) => ({ id: s.ids[row], row, step: s.step[row], stage: "A" }));
    expect(layoutTracks(s, null, columns([2, 3]), stages)!.map((t) => [t.branch, t.share])).toEqual([["web", 0.2], ["shop", 0.8]]);
    expect(layoutTracks(s, null, columns([0, 1]), stages)!.map((t) => [t.branch, t.share])).toEqual([["web", 0.7], ["shop", 0.3]]);
  });

  it("reads hostile branch names as data, and ignores a wire that does not fit", () => {
    const hostile = journey({
      ids: [1, 2], stage: ["A", "A"], step: ["x", "y"], stages: ["A"],
      branch: ["__proto__", "constructor"], branch_share: [["A", "__proto__", 0.25], ["A", "constructor", 0.75], ["A", 3, 1] as never],
    });
    expect(layoutMap(hostile, null).paths!.map((t) => [t.branch, t.share])).toEqual([["__proto__", 0.25], ["constructor", 0.75]]);
    expect(rowBranches(journey({ ...hostile, branch: ["a"] }))).toBeNull();
    expect(layoutTracks(journey({ ...hostile, branch: [null, null] }), null, [], [])).toBeNull();
  });
});

describe("trackEdges", () => {
  it("marks a branch track's first and last columns, and nothing on the main path", () => {
    const edges = trackEdges(layoutMap(j, null).paths, 7);
    expect(edges[1]).toBe("");
    expect(edges[2]).toContain("cjm-track-start");
    expect(edges[3]).toContain("cjm-track-end");
    expect(edges[3]).not.toContain("cjm-track-start");
    expect(edges[4]).toContain("cjm-track-start");
    expect(edges[6]).toBe("");
  });
});

describe("labels", () => {
  const track: Track = { stage: "Buy", branch: "Online", start: 0, count: 1, share: 0.615 };
  it("say the branch and its share in the view's language", () => {
    expect(trackLabel(track, "en")).toBe("\u2387 Online \u00b7 62%");
    expect(trackLabel(track, "fr")).toBe("\u2387 Online \u00b7 62\u202f%");
    expect(trackLabel({ ...track, share: null }, "fr")).toBe("\u2387 Online");
    expect(formatShare(0.004, "en")).toBe("0%");
  });
});

describe("curveBreaks", () => {
  it("cuts the emotion curve where a path starts after another, not where the main path forks or joins", () => {
    const layout = layoutMap(j, null);
    expect([...curveBreaks(layout)!]).toEqual([4]);
    expect(curveBreaks(layoutMap(journey({ ...j, branch: null }), null))).toBeUndefined();
    const cells = emotionCells([0, 1, 2, 1, 0, 1, 2], [-3, 3], 100, 8, curveBreaks(layout));
    expect(cells[3].right).toBeNull(); // Online's last step
    expect(cells[4].left).toBeNull(); // Store's first
    expect(cells[2].left).not.toBeNull(); // the main path forks into Online
    expect(cells[6].left).not.toBeNull(); // and Store joins Use
  });
});
