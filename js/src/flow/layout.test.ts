import { describe, expect, it } from "vitest";
import {
  clip, dashPattern, decodeFlow, edgeKind, edgesInWindow, layoutFlow, MAX_DASHES, MAX_WIDTH, nextNode, shownEdges, strokeWidth,
} from "./layout";
import { duration, word } from "./words";

const raw = {
  stages: ["Discover", "Buy"],
  nodes: ["search", "compare", "cart", "pay"],
  stage_of: [0, 0, 1, 1],
  from: [0, 1, 2, 2, 1, 3],
  to: [1, 2, 3, 0, 1, 3],
  count: [100, 60, 40, 9, 5, 2],
  share: [1, 0.9, 0.8, 0.2, 0.1, 1],
  median_seconds: [30, null, 120, 5, 1, 2],
};

function numbersIn(d: string): number[] {
  return (d.match(/-?\d+(\.\d+)?(e-?\d+)?|NaN|Infinity/g) ?? []).map(Number);
}

describe("decodeFlow", () => {
  it("keeps well-formed edges and drops those naming no node", () => {
    const data = decodeFlow({ ...raw, from: [0, 7, -1], to: [1, 0, 0], count: [3, 4, 5] });
    expect(data.from).toEqual([0]);
    expect(data.count).toEqual([3]);
  });
  it("reads nothing from a malformed trait", () => {
    for (const value of [null, 3, "x", { nodes: "abc" }]) {
      const data = decodeFlow(value);
      expect(data.nodes).toEqual([]);
      expect(data.from).toEqual([]);
    }
  });
  it("takes step names that are Object.prototype members as plain text", () => {
    const data = decodeFlow({ nodes: ["__proto__", "constructor", "<script>"], from: [0], to: [2], count: [1] });
    expect(data.nodes).toEqual(["__proto__", "constructor", "<script>"]);
    expect(data.stageOf).toEqual([-1, -1, -1]);
  });
});

describe("layoutFlow", () => {
  const layout = layoutFlow(decodeFlow(raw));
  it("places steps left to right in the order given, stage bands over their runs", () => {
    const xs = layout.nodes.map((n) => n.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(new Set(xs).size).toBe(4);
    expect(layout.bands.map((b) => b.label)).toEqual(["Discover", "Buy"]);
    expect(layout.bands[0].x + layout.bands[0].w).toBe(layout.bands[1].x);
    expect(layout.bands[0].x).toBeLessThanOrEqual(layout.nodes[0].x);
  });
  it("starts a new band when a stage comes back after another", () => {
    const again = layoutFlow(decodeFlow({ stages: ["a", "b"], nodes: ["1", "2", "3"], stage_of: [0, 1, 0] }));
    expect(again.bands.map((b) => b.stage)).toEqual([0, 1, 0]);
  });
  it("tells forward, back and loop edges apart", () => {
    expect(layout.edges.map((e) => e.kind)).toEqual(["forward", "forward", "forward", "back", "loop", "loop"]);
    expect(edgeKind(2, 0)).toBe("back");
    expect(edgeKind(1, 1)).toBe("loop");
    expect(edgeKind(0, 3)).toBe("forward");
  });
  it("draws forward arcs above the row and back arcs below it", () => {
    const row = layout.nodes[0].y;
    const forward = numbersIn(layout.edges[2].d);
    const back = numbersIn(layout.edges[3].d);
    expect(Math.min(...forward.filter((_, i) => i % 2 === 1))).toBeLessThan(row);
    expect(Math.min(...back.filter((_, i) => i % 2 === 1))).toBeGreaterThan(row);
  });
  it("widens edges with the square root of their count", () => {
    const [w100, w60] = layout.edges.map((e) => e.width);
    expect(w100).toBeCloseTo(MAX_WIDTH);
    expect(w60).toBeLessThan(w100);
    expect(strokeWidth(25, 100) - 1).toBeCloseTo((MAX_WIDTH - 1) / 2);
    expect(strokeWidth(0, 0)).toBe(1);
  });
  it("lists each node's in- and out-edges", () => {
    expect(layout.inEdges[0]).toEqual([3]);
    expect(layout.outEdges[2]).toEqual([2, 3]);
    expect(layout.inEdges[1]).toEqual([0, 4]);
  });
  it("never writes NaN with one node, or no edges, or no nodes", () => {
    for (const data of [
      { nodes: ["only"] },
      { nodes: ["only"], from: [0], to: [0], count: [0] },
      {},
      { nodes: ["a", "b"], from: [0], to: [1], count: [0] },
    ]) {
      const l = layoutFlow(decodeFlow(data));
      const all = [l.width, l.height, ...l.nodes.flatMap((n) => [n.x, n.y, n.cx]), ...l.edges.flatMap((e) => [e.width, ...numbersIn(e.d)])];
      for (const v of all) expect(Number.isFinite(v)).toBe(true);
      expect(l.width).toBeGreaterThan(0);
    }
  });
});

describe("threshold", () => {
  it("hides edges rarer than the threshold and keeps the rest", () => {
    expect(shownEdges(raw.count, 1)).toEqual([true, true, true, true, true, true]);
    expect(shownEdges(raw.count, 10)).toEqual([true, true, true, false, false, false]);
    expect(shownEdges(raw.count, 101)).toEqual([false, false, false, false, false, false]);
  });
});

describe("keys and text", () => {
  it("moves focus along the row and stops at its ends", () => {
    expect(nextNode(0, "ArrowLeft", 4)).toBe(0);
    expect(nextNode(0, "ArrowRight", 4)).toBe(1);
    expect(nextNode(3, "ArrowDown", 4)).toBe(3);
    expect(nextNode(2, "Home", 4)).toBe(0);
    expect(nextNode(0, "End", 4)).toBe(3);
    expect(nextNode(0, "a", 4)).toBeNull();
    expect(nextNode(0, "ArrowRight", 0)).toBeNull();
  });
  it("clips long labels on code points", () => {
    expect(clip("short", 16)).toBe("short");
    expect(clip("a very long step name indeed", 10)).toBe("a very lo…");
    expect(Array.from(clip("😀".repeat(20), 5))).toHaveLength(5);
  });
  it("fills words from a Map, even parameters named like prototype members", () => {
    const text = word("en", "edge", new Map([["from", "{to}"], ["to", "__proto__"], ["count", "3"], ["share", "1 %"]]));
    expect(text).toBe("{to} → __proto__: 3 transitions (1 % of those leaving {to})");
    expect(word("fr", "threshold")).toBe("Masquer les transitions vues moins de");
  });
  it("says a wait in the unit that reads best", () => {
    const f = (v: number) => String(v);
    expect(duration(45, f)).toBe("45 s");
    expect(duration(720, f)).toBe("12 min");
    expect(duration(3 * 3600, f)).toBe("3 h");
    expect(duration(2 * 86400, f)).toBe("2 d");
  });
});

describe("windowed drawing", () => {
  it("draws the edges reaching the columns in view, long ones crossing it too", () => {
    const from = [0, 1, 5, 9, 2, 8];
    const to = [1, 5, 5, 0, 2, 9];
    expect(edgesInWindow(from, to, [3, 6])).toEqual([1, 2, 3]);
    expect(edgesInWindow(from, to, [0, 0])).toEqual([]);
    expect(edgesInWindow(from, to, [0, 10])).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it("keeps a back edge's dashes few however long it is", () => {
    expect(dashPattern(1)).toBe("6 4");
    for (const span of [1, 10, 299, 5000]) {
      const [dash, gap] = dashPattern(span).split(" ").map(Number);
      const length = span * 132 + 1.5 * 150;
      expect(dash).toBeGreaterThan(0);
      expect(length / (dash + gap)).toBeLessThanOrEqual(MAX_DASHES + 1);
    }
    const back = layoutFlow(decodeFlow({ nodes: ["a", "b"], from: [1, 0], to: [0, 1], count: [1, 1] })).edges;
    expect(back.map((e) => e.dash)).toEqual(["21 16", null]);
    // Thick edges keep gaps wider than the stroke.
    expect(dashPattern(1, 14)).toBe("21 16");
  });
});
