// The curve's x axis with personas and states: aligned as the map's compare mode aligns them.

import { describe, expect, it } from "vitest";
import { layoutSteps, linePaths, personaLines } from "./geometry";
import { decodeCurve, type Curve } from "./wire";

function curve(rows: [string, string | null, string, string][], extra: Partial<Curve> = {}): Curve {
  // rows: [persona, state, stage, step]
  const personas = [...new Set(rows.map((r) => r[0]))];
  const states = [...new Set(rows.map((r) => r[1]).filter((s): s is string => s !== null))];
  return decodeCurve({
    revision: 1,
    ids: rows.map((_, i) => 10 + i),
    persona: rows.map((r) => r[0]),
    personas,
    state: states.length ? rows.map((r) => r[1]) : null,
    states,
    stage: rows.map((r) => r[2]),
    step: rows.map((r) => r[3]),
    stages: [...new Set(rows.map((r) => r[2]))],
    emotion: rows.map((_, i) => (i % 5) - 2),
    scale: [-3, 3],
    ...extra,
  });
}

const positions = (c: Curve, persona: string, state: string | null = null) =>
  c.ids.flatMap((_, row) => (c.persona![row] === persona && (state === null || c.state![row] === state)
    ? [layoutSteps(c).positionOfRow[row]] : []));

describe("the x axis with personas", () => {
  const c = curve([
    ["Ana", null, "Find", "Search"], ["Ana", null, "Find", "Read reviews"], ["Ana", null, "Buy", "Pay"],
    ["Bo", null, "Find", "Search"], ["Bo", null, "Find", "Ask a friend"], ["Bo", null, "Find", "Read reviews"],
    ["Bo", null, "Buy", "Pay"],
  ]);

  it("puts a step personas share at one position, and names each position once", () => {
    const layout = layoutSteps(c);
    expect(layout.steps.map((s) => s.step)).toEqual(["Search", "Ask a friend", "Read reviews", "Pay"]);
    expect(positions(c, "Ana")).toEqual([0, 2, 3]);
    expect(positions(c, "Bo")).toEqual([0, 1, 2, 3]);
    expect(layout.stages).toEqual([{ name: "Find", start: 0, count: 3 }, { name: "Buy", start: 3, count: 1 }]);
  });

  it("runs a persona's line on, dotted, over a position where it has no step", () => {
    const [ana, bo] = personaLines(c, layoutSteps(c), "assumed");
    const x = (i: number) => i * 10;
    const anaPaths = linePaths(ana.points, x, (v) => v, () => true);
    expect(anaPaths.dotted.match(/C/g)).toHaveLength(1); // Search -> Read reviews, over Bo's step
    expect(anaPaths.solid.match(/C/g)).toHaveLength(1); // Read reviews -> Pay
    expect(anaPaths.dotted.startsWith("M0,")).toBe(true);
    const boPaths = linePaths(bo.points, x, (v) => v, () => true);
    expect(boPaths.dotted).toBe("");
    expect(boPaths.solid.match(/C/g)).toHaveLength(3);
  });

  it("keeps every column holding a step, and each line's steps in order", () => {
    const layout = layoutSteps(c);
    const used = new Set(layout.positionOfRow);
    expect([...used].sort()).toEqual(layout.steps.map((_, i) => i));
    for (const line of personaLines(c, layout, "assumed")) {
      const xs = line.points.map((p) => p.position);
      expect(xs).toEqual([...xs].sort((a, b) => a - b));
      expect(new Set(xs).size).toBe(xs.length);
    }
  });
});

describe("the x axis with a current and a future state", () => {
  const c = curve([
    ["Ana", "current", "Find", "Search"], ["Ana", "current", "Find", "Call"], ["Ana", "current", "Buy", "Pay"],
    ["Ana", "future", "Find", "Search"], ["Ana", "future", "Find", "Chat"], ["Ana", "future", "Buy", "Pay"],
    ["Bo", "current", "Find", "Search"], ["Bo", "future", "Find", "Search"],
  ]);

  it("draws a line per persona and state, current then future, coloured by persona", () => {
    const lines = personaLines(c, layoutSteps(c), "assumed");
    expect(lines.map((l) => [l.persona, l.state, l.stateIndex, l.colour, l.index])).toEqual([
      ["Ana", "current", 0, 0, 0], ["Ana", "future", 1, 0, 1], ["Bo", "current", 0, 1, 2], ["Bo", "future", 1, 1, 3],
    ]);
    expect(lines[1].points.map((p) => p.id)).toEqual([13, 14, 15]);
  });

  it("aligns the states on the steps they share; a step of one state is a position of its own", () => {
    const layout = layoutSteps(c);
    expect(layout.steps.map((s) => s.step)).toEqual(["Search", "Call", "Chat", "Pay"]);
    expect(positions(c, "Ana", "current")).toEqual([0, 1, 3]);
    expect(positions(c, "Ana", "future")).toEqual([0, 2, 3]);
    expect(positions(c, "Bo", "current")).toEqual([0]);
  });

  it("is stable: the same journey gives the same axis", () => {
    expect(layoutSteps(c)).toEqual(layoutSteps(curve([
      ["Ana", "current", "Find", "Search"], ["Ana", "current", "Find", "Call"], ["Ana", "current", "Buy", "Pay"],
      ["Ana", "future", "Find", "Search"], ["Ana", "future", "Find", "Chat"], ["Ana", "future", "Buy", "Pay"],
      ["Bo", "current", "Find", "Search"], ["Bo", "future", "Find", "Search"],
    ])));
  });

  it("reads a journey without states as one line per persona", () => {
    const one = curve([["Ana", null, "Find", "Search"], ["Ana", null, "Find", "Call"]]);
    const lines = personaLines(one, layoutSteps(one), "assumed");
    expect(lines.map((l) => [l.state, l.stateIndex])).toEqual([[null, 0]]);
  });
});
