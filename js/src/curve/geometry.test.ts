import { describe, expect, it } from "vitest";
import fixture from "./fixtures/two_personas.json";
import {
  bezierAt,
  extremes,
  intervalDodge,
  intervalPaths,
  layoutSteps,
  linePaths,
  monotone,
  neutral,
  personaLines,
  stepValue,
  xLayout,
  yScale,
} from "./geometry";
import { AXIS_Y, paths, pointY, xOf } from "./draw";
import { makeFrame } from "./frame";
import { tipLines } from "./tooltip";
import { decodeCurve, type Curve } from "./wire";

function curve(overrides: Partial<Curve> = {}): Curve {
  return decodeCurve({
    revision: 1,
    ids: [1, 2, 3, 4, 5],
    persona: ["Ana", "Ana", "Ana", "Bo", "Bo"],
    personas: ["Ana", "Bo"],
    stage: ["Discover", "Choose", "Buy", "Discover", "Buy"],
    step: ["See ad", "Compare", "Pay", "See ad", "Pay"],
    stages: ["Discover", "Choose", "Buy"],
    emotion: [0, -1, 2, 1, null],
    scale: [-3, 3],
    ...overrides,
  });
}

describe("layoutSteps", () => {
  it("puts each step once on the x axis, in stage order, shared by personas", () => {
    const layout = layoutSteps(curve());
    expect(layout.steps.map((s) => s.step)).toEqual(["See ad", "Compare", "Pay"]);
    expect(layout.positionOfRow).toEqual([0, 1, 2, 0, 2]);
    expect(layout.stages).toEqual([
      { name: "Discover", start: 0, count: 1 },
      { name: "Choose", start: 1, count: 1 },
      { name: "Buy", start: 2, count: 1 },
    ]);
  });

  it("orders by stage even when rows are not", () => {
    const c = curve({ stage: ["Buy", "Discover", "Choose", "Buy", "Discover"], step: ["Pay", "See ad", "Compare", "Pay 2", "See"] });
    expect(layoutSteps(c).steps.map((s) => s.step)).toEqual(["See ad", "See", "Compare", "Pay", "Pay 2"]);
  });

  // The same example as tests/test_curve.py: Python's step_positions gives these positions too.
  const two = fixture as { persona: string[]; stage: string[]; step: string[]; stages: string[]; axis: string[]; position: number[] };
  const twoPersonas = () => curve({
    ids: two.step.map((_, i) => i + 1), persona: two.persona, personas: ["Ana", "Bo"], stage: two.stage,
    step: two.step, stages: two.stages, emotion: two.step.map((_, i) => (i % 7) - 3),
  });

  it("aligns personas on their shared steps, each persona's steps in its own order", () => {
    const layout = layoutSteps(twoPersonas());
    expect(layout.steps.map((s) => s.step)).toEqual(two.axis);
    expect(layout.positionOfRow).toEqual(two.position);
    for (const persona of ["Ana", "Bo"]) {
      const mine = layout.positionOfRow.filter((_, row) => two.persona[row] === persona);
      expect(mine).toEqual([...mine].sort((a, b) => a - b)); // never drawn backwards
    }
  });

  it("joins a persona's consecutive steps over positions only the other persona has", () => {
    const c = twoPersonas();
    const [ana] = personaLines(c, layoutSteps(c), "assumed");
    expect(ana.points.map((p) => p.position)).toEqual([0, 2, 3, 4, 6, 8]);
    const { solid, dotted } = linePaths(ana.points, (i) => i * 40, yScale([-3, 3], 50, 230).y, () => true);
    // One unbroken line, no drop at Bo's steps: solid between Ana's neighbouring steps,
    // dotted where it runs past Bo's (positions 1, 5 and 7).
    expect((solid + dotted).match(/C/g)).toHaveLength(5);
    expect(dotted.match(/C/g)).toHaveLength(3);
    expect(solid.match(/C/g)).toHaveLength(2);
    expect(dotted).toContain(" 80,"); // it reaches "Lit les avis" at position 2 directly
  });

  it("keeps each persona's order when personas disagree on it (the first persona's first)", () => {
    const c = curve({
      ids: [1, 2, 3, 4], persona: ["Ana", "Ana", "Bo", "Bo"], personas: ["Ana", "Bo"],
      stage: ["S", "S", "S", "S"], step: ["a", "b", "b", "a"], stages: ["S"], emotion: [0, 0, 0, 0],
    });
    const layout = layoutSteps(c);
    expect(layout.steps.map((s) => s.step)).toEqual(["a", "b", "a"]);
    expect(layout.positionOfRow).toEqual([0, 1, 1, 2]);
  });

  it("takes personas, stages and steps named like Object's properties as plain text", () => {
    const names = ["constructor", "__proto__", "toString", "hasOwnProperty"];
    const c = curve({
      ids: [1, 2, 3, 4, 5, 6], persona: ["constructor", "constructor", "__proto__", "__proto__", "toString", "toString"],
      personas: ["constructor", "__proto__", "toString"], stage: ["__proto__", "constructor", "__proto__", "constructor", "__proto__", "constructor"],
      step: [names[0], names[1], names[0], names[2], names[3], names[1]], stages: ["__proto__", "constructor"],
      emotion: [1, 2, 3, -1, -2, -3], moments: ["constructor", "__proto__", null, "toString", true, "one-off"],
    });
    const layout = layoutSteps(c);
    expect(layout.stages.map((s) => s.name)).toEqual(["__proto__", "constructor"]);
    expect(layout.steps.map((s) => s.step)).toEqual(["constructor", "hasOwnProperty", "__proto__", "toString"]);
    const lines = personaLines(c, layout, "assumed");
    expect(lines.map((l) => [l.persona, l.points.map((p) => p.value)])).toEqual([
      ["constructor", [1, 2]], ["__proto__", [3, -1]], ["toString", [-2, -3]],
    ]);
    const moment = (row: number) => tipLines(c, lines.flatMap((l) => l.points).find((p) => p.row === row)!)
      .find(([cls]) => cls === "cjm-tip-moment")?.[1];
    expect(moment(0)).toBe("\u2605 Moment of truth: constructor");
    expect(moment(1)).toBe("\u2605 Moment of truth: __proto__");
    expect(moment(3)).toBe("\u2605 Moment of truth: toString");
    expect(moment(4)).toBe("\u2605 Moment of truth");
    expect(moment(5)).toBe("\u2605 Moment of truth: One-off");
  });
});

describe("scales", () => {
  it("maps the scale onto pixels, high at the top, and back", () => {
    const s = yScale([-3, 3], 50, 230);
    expect(s.y(3)).toBe(50);
    expect(s.y(-3)).toBe(230);
    expect(s.y(0)).toBe(140);
    expect(s.y(9)).toBe(50); // clamped
    expect(s.value(140)).toBeCloseTo(0);
    expect(s.value(s.y(1.7))).toBeCloseTo(1.7);
  });

  it("snaps to whole scale steps or tenths, and clamps", () => {
    expect(stepValue(1.6, [-3, 3], true)).toBe(2);
    expect(stepValue(-1.5, [-3, 3], true)).toBe(-1);
    expect(stepValue(1.26, [-3, 3], false)).toBeCloseTo(1.3);
    expect(stepValue(8, [-3, 3], true)).toBe(3);
    expect(stepValue(-8, [1, 10], false)).toBe(1);
    expect(stepValue(1.2, [0.5, 4.5], true)).toBe(1.5);
  });

  it("finds the neutral value", () => {
    expect(neutral([-3, 3])).toBe(0);
    expect(neutral([1, 10])).toBe(5.5);
  });

  it("spreads few steps over the width and scrolls many", () => {
    expect(xLayout(4, 800, 40)).toEqual({ step: 200, width: 800 });
    expect(xLayout(500, 800, 40)).toEqual({ step: 40, width: 20000 });
  });
});

describe("monotone curve", () => {
  const lo = -3;
  const hi = 3;
  const s = yScale([lo, hi], 50, 230);

  it("passes through every point and never overshoots between two", () => {
    // Sharp swings between the scale's ends: where a plain spline overshoots.
    const values = [3, -3, 3, 3, -3, -2, 3, -3, 0, 3, 3, 2.5, -3];
    const xs = values.map((_, i) => i * 40 + (i % 3) * 7);
    const ys = values.map((v) => s.y(v));
    const pieces = monotone(xs, ys);
    expect(pieces).toHaveLength(values.length - 1);
    pieces.forEach((b, i) => {
      expect(b.y0).toBe(ys[i]);
      expect(b.y1).toBe(ys[i + 1]);
      const [top, bottom] = [Math.min(ys[i], ys[i + 1]), Math.max(ys[i], ys[i + 1])];
      for (let k = 0; k <= 50; k++) {
        const [x, y] = bezierAt(b, k / 50);
        expect(y).toBeGreaterThanOrEqual(top - 1e-9);
        expect(y).toBeLessThanOrEqual(bottom + 1e-9);
        expect(y).toBeGreaterThanOrEqual(s.y(hi) - 1e-9);
        expect(y).toBeLessThanOrEqual(s.y(lo) + 1e-9);
        expect(x).toBeGreaterThanOrEqual(xs[i] - 1e-9);
        expect(x).toBeLessThanOrEqual(xs[i + 1] + 1e-9);
      }
    });
  });

  it("stays within the scale for random journeys", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    let top = Infinity;
    let bottom = -Infinity;
    for (let trial = 0; trial < 200; trial++) {
      const n = 2 + Math.floor(random() * 20);
      const xs = Array.from({ length: n }, (_, i) => i * 30);
      const ys = xs.map(() => s.y(lo + random() * (hi - lo)));
      for (const b of monotone(xs, ys)) {
        for (let k = 0; k <= 20; k++) {
          const [, y] = bezierAt(b, k / 20);
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
        }
      }
    }
    expect(top).toBeGreaterThanOrEqual(50 - 1e-9);
    expect(bottom).toBeLessThanOrEqual(230 + 1e-9);
    expect(bottom - top).toBeGreaterThan(170); // the samples did reach both ends
  });

  it("is flat where the values are", () => {
    const [b] = monotone([0, 40, 80], [100, 100, 60]);
    expect(b.c1y).toBe(100);
    expect(b.c2y).toBe(100);
  });
});

describe("persona lines", () => {
  const evidence = {
    n: [3, null, 40, null, null],
    mean: [2, null, 1.5, null, null],
    ci_low: [-0.5, null, 1.1, null, null],
    ci_high: [3.5, null, 1.9, null, null],
  };

  it("draws the mean where measured in the measured line, the team's value elsewhere", () => {
    const c = curve({ evidence });
    const layout = layoutSteps(c);
    const [ana, bo] = personaLines(c, layout, "measured");
    expect(ana.points.map((p) => p.value)).toEqual([2, -1, 1.5]);
    expect(ana.points.map((p) => p.measured)).toEqual([true, false, true]);
    expect(bo.points.map((p) => p.value)).toEqual([1, null]);
    const [assumed] = personaLines(c, layout, "assumed");
    expect(assumed.points.map((p) => p.value)).toEqual([0, -1, 2]);
  });

  it("cuts the line into solid (measured) and dashed (assumed) parts, broken at gaps", () => {
    const c = curve({ evidence, emotion: [0, -1, 2, 1, null] });
    const [ana, bo] = personaLines(c, layoutSteps(c), "measured");
    const xOf = (i: number) => i * 40;
    const s = yScale([-3, 3], 50, 230);
    const both = (a: { measured: boolean }, b: { measured: boolean }) => a.measured && b.measured;
    const paths = linePaths(ana.points, xOf, s.y, both);
    expect(paths.solid).toBe("");
    expect(paths.dashed.match(/C/g)).toHaveLength(2);
    expect(paths.dashed.startsWith("M0,")).toBe(true);
    const gap = linePaths(bo.points, xOf, s.y, both);
    expect(gap).toEqual({ solid: "", dashed: "", dotted: "" }); // one valued point: nothing to join
  });

  it("draws each measured point's interval at its own step, nothing between steps", () => {
    const c = curve({ evidence });
    const [ana] = personaLines(c, layoutSteps(c), "measured");
    const s = yScale([-3, 3], 50, 230);
    const bars = intervalPaths(ana.points, (i) => i * 40, s.y);
    expect(bars.map((b) => b.position)).toEqual([0, 2]);
    for (const bar of bars) {
      // Every x in the whisker is within its cap of the step's own x.
      const xs = [...bar.d.matchAll(/[MH](-?[\d.]+)/g)].map((m) => Number(m[1]));
      for (const x of xs) expect(Math.abs(x - bar.position * 40)).toBeLessThanOrEqual(4);
    }
    expect(bars[0].d).toContain(`M0,50V${s.y(-0.5)}`); // 3.5 is drawn at the top of the scale
    expect(intervalPaths(ana.points, (i) => i * 40, s.y, [1, 3]).map((b) => b.position)).toEqual([2]);
  });

  it("labels the lowest and highest points", () => {
    const c = curve();
    const [ana, bo] = personaLines(c, layoutSteps(c), "assumed");
    const ends = extremes(ana.points)!;
    expect(c.step[ends.low.row]).toBe("Compare");
    expect(c.step[ends.high.row]).toBe("Pay");
    expect(extremes(bo.points)).toBeNull();
  });
});

describe("steps with no emotion", () => {
  const measure = (t: string) => t.length * 6;

  it("are drawn apart from the scale, and the line joins the persona's valued steps over them", () => {
    // Ana: 0, (none), 2 — the missing step must not read as 0, nor break or bend the line.
    const c = curve({ emotion: [0, null, 2, 1, null] });
    const f = makeFrame(c, "assumed", new Map(), 900, measure, [0, 3]);
    const [ana] = f.lines;
    const missing = ana.points.find((p) => p.value === null)!;
    expect(pointY(f, missing)).toBeGreaterThan(f.scale.bottom + 6); // below the scale's lowest value
    expect(pointY(f, missing)).toBeLessThanOrEqual(AXIS_Y);
    const { solid } = paths(f, ana.points);
    expect(solid.match(/M/g)).toHaveLength(1); // one piece, straight from "See ad" to "Pay"
    expect(solid.match(/C/g)).toHaveLength(1);
    expect(solid).not.toContain(`${xOf(f, missing.position)},`);
  });
});

describe("intervals of personas at a shared step", () => {
  it("are dodged apart by persona, and only where they share the step", () => {
    const c = curve({
      evidence: {
        n: [3, null, 40, 5, 8], mean: [2, null, 1.5, 1, 0],
        ci_low: [1, null, 1.1, 0.5, -1], ci_high: [3, null, 1.9, 1.5, 1],
      },
    });
    const lines = personaLines(c, layoutSteps(c), "measured");
    const s = yScale([-3, 3], 50, 230);
    const dodge = intervalDodge(lines, 8);
    const xs = (d: string) => [...d.matchAll(/[MH](-?[\d.]+)/g)].map((m) => Number(m[1]));
    const [ana, bo] = lines.map((line) => intervalPaths(line.points, (i) => i * 40, s.y, undefined, (position) => dodge(line.index, position)));
    // "See ad" (0) and "Pay" (2) are measured for both: each whisker on its own side.
    for (const position of [0, 2]) {
      const a = xs(ana.find((b) => b.position === position)!.d);
      const b = xs(bo.find((b) => b.position === position)!.d);
      expect(Math.max(...a)).toBeLessThan(Math.min(...b)); // no shared x at all
      expect(Math.abs(Math.min(...a) - position * 40)).toBeLessThanOrEqual(8); // still at the step
    }
    expect(dodge(0, 1)).toBe(0); // nobody else there: at the step itself
  });
});

describe("the tooltip's numbers", () => {
  it("signs every number alike and shows an interval within the scale", () => {
    const c = curve({
      evidence: { n: [6, null, null, null, null], mean: [-2.75, null, null, null, null],
        ci_low: [-3.55, null, null, null, null], ci_high: [-1.95, null, null, null, null] },
    });
    const [ana] = personaLines(c, layoutSteps(c), "measured");
    const text = tipLines(c, ana.points[0]).map(([, t]) => t).join("\n");
    expect(text).toContain("measured \u22122.75");
    expect(text).not.toMatch(/-\d/); // no hyphen-minus before a number
    expect(text).not.toContain("3.55"); // beyond the scale's end, as the whisker is drawn
    expect(text).toContain("\u2264 \u22123");
    expect(text).toContain("\u22121.95");
  });
});
