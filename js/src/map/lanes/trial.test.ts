// Defects found by a first user trying the map: each test failed before its fix.
import { describe, expect, it } from "vitest";
import type { EditOp, LaneSpec, NumberFormat } from "../../shared/wire";
import { emotionCells, focusAfterHistory, layoutMap } from "../layout";
import { decodeJourney } from "../../shared/wire";
import { channelLane } from "./channel";
import { EMOTION_PAD, DOT_RADIUS, emotionHeight, emotionLane, labelBox } from "./emotion";
import { numberExtent, numberLane } from "./number";
import { textLane } from "./text";
import type { LaneHost } from "./types";

const lane = (kind: LaneSpec["kind"], dtype: LaneSpec["dtype"] = "text", format?: NumberFormat): LaneSpec =>
  ({ key: "k", label: "K", kind, dtype, format });

function press(key: string, mods: Partial<KeyboardEvent> = {}): KeyboardEvent {
  return { key, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, preventDefault: () => {}, ...mods } as KeyboardEvent;
}

function host(sent: EditOp[]): LaneHost {
  return { send: (op) => sent.push(op), render: () => {}, say: () => {} };
}

describe("emotion lane keys", () => {
  const drawing = emotionLane.prepare({ lane: lane("emotion", "number"), values: [1, null], rows: [0, 1], scale: [-3, 3] });

  it("leaves every printable key to the editor, - and + included", () => {
    for (const key of ["-", "+", "=", "_", "2"]) {
      const sent: EditOp[] = [];
      expect(drawing.key!(press(key), 0, 7, host(sent))).toBe(false);
      expect(sent).toEqual([]);
    }
  });

  it("raises and lowers with Alt+Up / Alt+Down (plain arrows move the focus)", () => {
    const sent: EditOp[] = [];
    expect(drawing.key!(press("ArrowUp", { altKey: true }), 0, 7, host(sent))).toBe(true);
    expect(drawing.key!(press("ArrowDown", { altKey: true }), 0, 7, host(sent))).toBe(true);
    expect(drawing.key!(press("ArrowDown", { altKey: true }), 1, 8, host(sent))).toBe(true);
    expect(sent).toEqual([
      { kind: "set_emotion", id: 7, value: 2 },
      { kind: "set_emotion", id: 7, value: 0 },
      { kind: "set_emotion", id: 8, value: -1 },
    ]);
    expect(drawing.key!(press("ArrowUp"), 0, 7, host(sent))).toBe(false);
  });
});

describe("emotion point and label stay inside the lane", () => {
  it("keeps a margin at both ends of the scale", () => {
    for (const scale of [[-3, 3], [1, 5], [0, 10]] as [number, number][]) {
      const h = emotionHeight(scale);
      for (const v of [scale[0], scale[1]]) {
        const [p] = emotionCells([v], scale, h, EMOTION_PAD);
        expect(p.y! - DOT_RADIUS).toBeGreaterThanOrEqual(6);
        expect(p.y! + DOT_RADIUS).toBeLessThanOrEqual(h - 6);
        const box = labelBox(p.y!);
        expect(box.top).toBeGreaterThanOrEqual(1);
        expect(box.bottom).toBeLessThanOrEqual(h - 1);
        // The label is clear of the point.
        expect(box.bottom <= p.y! - DOT_RADIUS || box.top >= p.y! + DOT_RADIUS).toBe(true);
      }
    }
  });
});

describe("number lanes edit in the lane's unit", () => {
  const percent = lane("number", "number", { style: "percent", digits: null });
  const duration = lane("number", "number", { style: "duration", digits: null });
  const text = (l: LaneSpec, v: number | null) => numberLane.editor(l, v).type === "input" ? (numberLane.editor(l, v) as { value: string }).value : "?";

  it("shows a share as its exact percentage", () => {
    expect(text(percent, 0.41)).toBe("41%");
    expect(text(percent, 0.07)).toBe("7%");
    expect(text(percent, 0.125)).toBe("12.5%");
    expect(text(percent, 1.5)).toBe("150%");
    expect(text(percent, null)).toBe("");
  });

  it("shows seconds as hours, minutes and seconds", () => {
    expect(text(duration, 3910)).toBe("1 h 05 min 10 s");
    expect(text(duration, 95)).toBe("1 min 35 s");
    expect(text(duration, 45)).toBe("45 s");
    expect(text(duration, 95.5)).toBe("95.5 s");
    expect(text(duration, 7500)).toBe("2 h 05 min");
    expect(text(duration, 0)).toBe("0 s");
  });

  it("shows plain numbers as they are", () => {
    expect(text(lane("number", "number"), 1234.5)).toBe("1234.5");
    expect(text(lane("number", "number", { style: "number", digits: 0 }), 0.41)).toBe("0.41");
  });

  it("sends the text as typed", () => {
    expect(numberLane.op(percent, 3, "50")).toEqual({ kind: "set_cell", id: 3, column: "k", value: "50" });
  });
});

describe("number bars scale over every row of the lane", () => {
  it("spans all personas' rows, whichever are shown", () => {
    const values = [10, 20, 100, 40];
    expect(numberExtent(lane("number", "number"), values)).toEqual([0, 100]);
  });
  it("spans 0…100% at least for percent lanes", () => {
    const percent = lane("number", "number", { style: "percent", digits: null });
    expect(numberExtent(percent, [0.2, 0.4, null])).toEqual([0, 1]);
    expect(numberExtent(percent, [-0.2, 1.5])).toEqual([-0.2, 1.5]);
  });
});

describe("text lanes send no leading or trailing blank lines", () => {
  it("drops outer blank lines and keeps inner ones", () => {
    const sent = (l: typeof textLane, text: string) => (l.op(lane("text"), 1, text) as { value: unknown }).value;
    expect(sent(textLane, "\nCode promo")).toBe("Code promo");
    expect(sent(textLane, " \n\nCode promo\n  \n")).toBe("Code promo");
    expect(sent(textLane, "a\n\nb")).toBe("a\n\nb");
    expect(sent(textLane, "  indented")).toBe("  indented");
    expect(sent(channelLane, "\nweb\n")).toBe("web");
    expect(sent(textLane, "\n")).toBe("");
  });
});

describe("focus after undo or redo", () => {
  const j = decodeJourney({
    ids: [1, 2, 3, 4], stage: ["A", "A", "B", "B"], step: ["a", "b", "c", "d"],
    stages: ["A", "B"], persona: ["x", "y", "x", "x"], personas: ["x", "y"],
  });
  it("moves to the touched step's column, keeping the lane row", () => {
    const layout = layoutMap(j, "x");
    expect(focusAfterHistory(layout, { row: 2, col: 0 }, 4)).toEqual({ row: 2, col: 2 });
    expect(focusAfterHistory(layout, { row: -1, col: 0 }, 3)).toEqual({ row: 0, col: 1 });
    expect(focusAfterHistory(layout, { row: 2, col: 0 }, 2)).toBeNull(); // another persona's step
  });
});
