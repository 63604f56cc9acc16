import { describe, expect, it } from "vitest";
import { decodeJourney, type LaneSpec } from "../shared/wire";
import { roleKey, textRole } from "./icons";
import { layoutMap } from "./layout";
import { cellLines, emotionWords, tableCaption, tableModel } from "./table_view";

const lane = (kind: string, dtype: LaneSpec["dtype"] = "text", extra: Partial<LaneSpec> = {}): LaneSpec =>
  ({ key: kind, label: kind, kind, dtype, ...extra });

// Two personas; Ana's steps span two stages, her last step far from her first.
const JOURNEY = decodeJourney({
  ids: [10, 11, 12, 13, 14],
  stage: ["Find", "Find", "Buy", "Find", "Buy"],
  step: ["Search", "Compare", "Pay", "Ask a friend", "Pay <b>now</b>"],
  stages: ["Find", "Buy"],
  persona: ["Ana", "Ana", "Ana", "Bo", "Ana"],
  personas: ["Ana", "Bo"],
  lanes: [
    { key: "emotion", label: "Emotion", kind: "emotion", dtype: "number" },
    { key: "pains", label: "Pains", kind: "text", dtype: "text" },
    { key: "channel", label: "Channel", kind: "channel", dtype: "text" },
    { key: "mot", label: "Moment of truth", kind: "moment", dtype: "text" },
    { key: "priority", label: "Priority", kind: "priority", dtype: "integer", priority: "rank" },
    { key: "share", label: "Share", kind: "number", dtype: "number", format: { style: "percent", digits: null } },
  ],
  cells: [
    [2, -1, 0, 3, -2.5],
    ["Too many tabs\nSlow", null, "", "x", "Card refused"],
    ["web, phone", "store", null, "letter", "app"],
    [null, "one-off", null, null, "cross-journey"],
    [null, 1, null, null, 12],
    [0.5, 0.25, null, 1, 0.125],
  ],
  emotion: "emotion",
  scale: [-3, 3],
});

describe("table model", () => {
  const layout = layoutMap(JOURNEY, "Ana");
  const t = tableModel(JOURNEY, layout, "Ana", "Online <purchase>");

  it("holds every step of the persona, stages spanning their steps", () => {
    expect(t.caption).toBe("Online <purchase> \u2014 Persona: Ana");
    expect(t.stages).toEqual([{ name: "Find", span: 2 }, { name: "Buy", span: 2 }]);
    expect(t.steps).toEqual(["Search", "Compare", "Pay", "Pay <b>now</b>"]);
    expect(t.rows.map((r) => r.head)).toEqual(["Emotion", "Pains", "Channel", "Moment of truth", "Priority", "Share"]);
    for (const row of t.rows) expect(row.cells).toHaveLength(4);
  });

  it("writes each cell as the map shows it, in words", () => {
    const [emotion, pains, channel, moment, priority, share] = t.rows.map((r) => r.cells);
    expect(emotion).toEqual([["+2 (positive)"], ["\u22121 (negative)"], ["0 (neutral)"], ["\u22122.5 (negative)"]]);
    expect(pains).toEqual([["Too many tabs", "Slow"], [], [], ["Card refused"]]);
    expect(channel).toEqual([["web, phone"], ["store"], [], ["app"]]);
    expect(moment).toEqual([[], ["Moment of truth: One-off"], [], ["Moment of truth: Cross-journey"]]);
    expect(priority).toEqual([[], ["#1"], [], ["#12"]]);
    expect(share).toEqual([["50%"], ["25%"], [], ["12.5%"]]);
  });

  it("shows the other persona's steps only for that persona", () => {
    const bo = tableModel(JOURNEY, layoutMap(JOURNEY, "Bo"), "Bo", "");
    expect(bo.caption).toBe("Journey map \u2014 Persona: Bo");
    expect(bo.steps).toEqual(["Ask a friend"]);
    expect(bo.rows[0].cells).toEqual([["+3 (positive)"]]);
  });
});

describe("cell lines", () => {
  it("reads booleans, dates and moments of no kind as words", () => {
    expect(cellLines(lane("text", "bool"), true)).toEqual(["yes"]);
    expect(cellLines(lane("text", "date"), "2024-05-01T00:00:00")).toEqual(["2024-05-01"]);
    expect(cellLines(lane("moment", "bool"), true)).toEqual(["Moment of truth"]);
    expect(cellLines(lane("moment", "bool"), false)).toEqual([]);
  });
  it("names a quadrant", () => {
    const quadrant = lane("priority", "category", { priority: "quadrant", quadrants: [["concentrate here", "act"]] });
    expect(cellLines(quadrant, "concentrate here")).toEqual(["Concentrate here"]);
  });
  it("leaves empty values empty", () => {
    expect(cellLines(lane("emotion", "number"), Number.NaN)).toEqual([]);
    expect(cellLines(lane("text"), "  \n ")).toEqual([]);
    expect(cellLines(lane("channel"), null)).toEqual([]);
  });
  it("says on which side of neutral an emotion is", () => {
    expect(emotionWords(-3)).toBe("\u22123 (negative)");
    expect(emotionWords(0.5)).toBe("+0.5 (positive)");
  });
  it("captions a map without a title by what it is", () => {
    expect(tableCaption(null, null)).toBe("Journey map");
    expect(tableCaption("  Trip  ", null)).toBe("Trip");
  });
});

describe("text roles", () => {
  it("finds pains, gains and opportunities by name, English and French", () => {
    const role = (key: string, label = key) => textRole({ key, label });
    expect(role("pain_points")).toBe("pain");
    expect(role("Irritants")).toBe("pain");
    expect(role("gains")).toBe("gain");
    expect(role("Points positifs")).toBe("gain");
    expect(role("Opportunités")).toBe("opportunity");
    expect(role("piste d'amélioration")).toBe("opportunity");
    expect(role("col_7", "Pains")).toBe("pain");
    expect(role("thoughts")).toBeNull();
    expect(role("constructor")).toBeNull();
    expect(role("__proto__")).toBeNull();
  });
  it("compares names without case, accents or punctuation", () => {
    expect(roleKey("  Piste_d\u2019Amélioration ")).toBe("piste d amelioration");
  });
});
