import { describe, expect, it } from "vitest";
import type { LaneSpec } from "../../shared/wire";
import { emotionAt, emotionCells } from "../layout";
import { emotionHeight, emotionLane, parseEmotion, stepEmotion } from "./emotion";
import { momentEditor, momentLane } from "./moment";
import { laneModule } from "./index";
import { formatLaneNumber, numberLane } from "./number";
import { textLane } from "./text";

const lane = (kind: LaneSpec["kind"], dtype: LaneSpec["dtype"] = "text"): LaneSpec => ({ key: "k", label: "K", kind, dtype });

describe("registry", () => {
  it("maps each wire kind to its module, unknown kinds to text", () => {
    expect(laneModule("number")).toBe(numberLane);
    expect(laneModule("moment")).toBe(momentLane);
    expect(laneModule("emotion")).toBe(emotionLane);
    expect(laneModule("constructor")).toBe(textLane);
    expect(laneModule("__proto__")).toBe(textLane);
  });
});

describe("number formats", () => {
  it("shows plain numbers as before when no format is sent", () => {
    expect(formatLaneNumber(1234567)).toBe("1,234,567");
    expect(formatLaneNumber(0.12345, { style: "number", digits: null })).toBe("0.12");
    expect(formatLaneNumber(Number.NaN)).toBe("");
    expect(formatLaneNumber(3, null)).toBe("3");
  });
  it("keeps the digits asked for", () => {
    expect(formatLaneNumber(1234.5, { style: "number", digits: 2 })).toBe("1,234.50");
    expect(formatLaneNumber(2.4, { style: "number", digits: 0 })).toBe("2");
    expect(formatLaneNumber(-0.001, { style: "number", digits: 1 })).toBe("0.0");
  });
  it("shows shares as percentages", () => {
    expect(formatLaneNumber(0.69, { style: "percent", digits: null })).toBe("69%");
    expect(formatLaneNumber(0.6912, { style: "percent", digits: 1 })).toBe("69.1%");
    expect(formatLaneNumber(1, { style: "percent", digits: 0 })).toBe("100%");
  });
  it("shows seconds as a duration", () => {
    const d = (v: number) => formatLaneNumber(v, { style: "duration", digits: null });
    expect(d(1036)).toBe("17 min 16 s");
    expect(d(7500)).toBe("2 h 05 min");
    expect(d(45)).toBe("45 s");
    expect(d(59.7)).toBe("1 min 00 s");
    expect(d(3599.8)).toBe("1 h 00 min");
    expect(d(2.5)).toBe("2.5 s");
    expect(d(-90)).toBe("\u22121 min 30 s");
  });
});

describe("emotion lane", () => {
  it("gives each whole level at least 14 px, so a drag can aim at it", () => {
    for (const scale of [[-3, 3], [1, 5], [0, 10]] as [number, number][]) {
      const h = emotionHeight(scale);
      const ys = emotionCells([scale[0], scale[0] + 1], scale, h).map((c) => c.y!);
      expect(ys[0] - ys[1]).toBeGreaterThanOrEqual(14);
      for (let v = scale[0]; v <= scale[1]; v++) {
        const [c] = emotionCells([v], scale, h);
        expect(emotionAt(c.y!, scale, h)).toBe(v);
        expect(emotionAt(c.y! + 6, scale, h)).toBe(v); // a near miss lands on the same level
      }
    }
  });
  it("turns text and +/- into values on the scale", () => {
    expect(parseEmotion(" \u22122 ")).toBe(-2);
    expect(parseEmotion("")).toBeNull();
    expect(parseEmotion("bof")).toBeNaN();
    expect(stepEmotion(null, true, [-3, 3])).toBe(1);
    expect(stepEmotion(3, true, [-3, 3])).toBe(3);
    expect(stepEmotion(-1.4, false, [-3, 3])).toBe(-2);
    expect(stepEmotion(null, false, [1, 5])).toBe(1);
  });
  it("makes set_emotion ops, and refuses text that is no number", () => {
    expect(emotionLane.op(lane("emotion", "number"), 7, "2")).toEqual({ kind: "set_emotion", id: 7, value: 2 });
    expect(emotionLane.op(lane("emotion", "number"), 7, "")).toEqual({ kind: "set_emotion", id: 7, value: null });
    expect(typeof emotionLane.op(lane("emotion", "number"), 7, "bof")).toBe("string");
  });
});

describe("moment-of-truth lane", () => {
  it("picks a kind, or yes/no for a boolean column", () => {
    expect(momentEditor(lane("moment"), "one-off")).toEqual({
      type: "select", value: "one-off",
      choices: [["", "\u2014"], ["moment", "Moment of truth"], ["one-off", "One-off"], ["cross-journey", "Cross-journey"]],
    });
    expect(momentEditor(lane("moment", "bool"), true)).toMatchObject({ value: "true" });
    expect(momentEditor(lane("moment", "bool"), null)).toMatchObject({ value: "false" });
    expect(momentLane.op(lane("moment"), 3, "")).toEqual({ kind: "set_moment", id: 3, column: "k", value: null });
  });
  it("text lanes edit by dtype", () => {
    expect(textLane.editor(lane("text", "category"), "a").type).toBe("select");
    expect(textLane.editor(lane("text", "integer"), 4)).toEqual({ type: "input", value: "4", numeric: true });
    expect(textLane.op(lane("text"), 1, "x")).toEqual({ kind: "set_cell", id: 1, column: "k", value: "x" });
  });
});

describe("emotion keys", () => {
  const press = (key: string, pending: number | undefined): unknown[] => {
    const sent: unknown[] = [];
    const drawing = emotionLane.prepare({ lane: lane("emotion", "number"), values: [1], rows: [0], scale: [-3, 3], lang: "en" } as never);
    const host = { send: (op: unknown) => sent.push(op), pending: () => pending, render: () => {}, say: () => {} };
    const e = { key, altKey: true, ctrlKey: false, metaKey: false, preventDefault: () => {} } as unknown as KeyboardEvent;
    drawing.key?.(e, 0, 7, host as never);
    return sent;
  };
  it("step from the value drawn when nothing is on its way", () => {
    expect(press("ArrowDown", undefined)).toEqual([{ kind: "set_emotion", id: 7, value: 0 }]);
  });
  it("step from the value sent and not answered yet: Alt+↓ pressed twice goes down twice", () => {
    expect(press("ArrowDown", 0)).toEqual([{ kind: "set_emotion", id: 7, value: -1 }]);
  });
});
