import { describe, expect, it } from "vitest";
import { makeFrame } from "./frame";
import { curveTableModel } from "./table";
import { decodeCurve, type Curve } from "./wire";

const measure = (text: string) => text.length * 6;

function curve(overrides: Partial<Curve> = {}): Curve {
  return decodeCurve({
    revision: 1,
    ids: [1, 2, 3, 4, 5],
    persona: ["Ana", "Ana", "Ana", "Bo", "Bo"],
    personas: ["Ana", "Bo"],
    stage: ["Discover", "Choose", "Buy", "Discover", "Buy"],
    step: ["See ad", "Compare", "Pay <b>now</b>", "See ad", "Pay <b>now</b>"],
    stages: ["Discover", "Choose", "Buy"],
    emotion: [0, -1, 2, 1, null],
    scale: [-3, 3],
    moments: [null, "one-off", null, null, null],
    pain: [null, "Too many tabs", null, null, null],
    ...overrides,
  });
}

describe("the curve as a table", () => {
  it("has a row per persona and a cell per step of the axis, in words", () => {
    const t = curveTableModel(makeFrame(curve(), "assumed", new Map(), 900, measure, [0, 1]), "Bikes");
    expect(t.caption).toBe("Bikes");
    expect(t.stages).toEqual([{ name: "Discover", span: 1 }, { name: "Choose", span: 1 }, { name: "Buy", span: 1 }]);
    expect(t.steps).toEqual(["See ad", "Compare", "Pay <b>now</b>"]);
    expect(t.rows.map((r) => r.head)).toEqual(["Ana", "Bo"]);
    // Every step, not only the window drawn ([0, 1] here).
    expect(t.rows[0].cells).toEqual([
      ["0 (neutral)"],
      ["\u22121 (negative)", "\u2605 Moment of truth: One-off", "Pain: Too many tabs"],
      ["+2 (positive)"],
    ]);
    // Bo has no "Compare": an empty cell; no value yet at "Pay".
    expect(t.rows[1].cells).toEqual([["+1 (positive)"], [], ["no value yet"]]);
  });

  it("says which values are measured, with n and the interval", () => {
    const c = curve({
      evidence: { n: [null, 12, null, null, null], mean: [null, -2, null, null, null],
        ci_low: [null, -2.5, null, null, null], ci_high: [null, -1.5, null, null, null] },
    });
    const t = curveTableModel(makeFrame(c, "measured", new Map(), 900, measure), null);
    expect(t.caption).toBe("Emotion curve");
    const [compare, pay] = [t.rows[0].cells[1], t.rows[0].cells[2]];
    expect(compare[0]).toBe("assumed \u22121 (negative)");
    expect(compare[1]).toContain("measured \u22122");
    expect(compare[1]).toContain("n = 12");
    expect(pay).toContain("no evidence at this step");
  });

  it("names the one line of a curve without personas", () => {
    const c = curve({ persona: null, personas: [] });
    const t = curveTableModel(makeFrame(c, "assumed", new Map(), 900, measure, [0, 0], "fr"), "");
    expect(t.caption).toBe("Courbe des émotions");
    expect(t.rows).toHaveLength(1);
    expect(t.heads).toEqual(["Phase", "Étape"]);
  });
});
