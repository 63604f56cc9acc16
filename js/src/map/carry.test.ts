import { describe, expect, it } from "vitest";
import type { LaneSpec } from "../shared/wire";
import { goneText, holdEditor, reopening, restoreCarried, stillThere, type Carried, type HeldEditor, type Restorer } from "./carry";

const lane: LaneSpec = { key: "pain", label: "Pain", kind: "text", dtype: "text" };

function held(over: Partial<HeldEditor> = {}): HeldEditor {
  return {
    target: { type: "lane", id: 7, lane }, text: "late", initial: "late", caret: [2, 3], focused: true,
    expected: "late", conflict: null, ...over,
  };
}

function carried(over: Partial<Carried> = {}): Carried {
  return {
    view: "v1", persona: null, focus: { row: 0, col: 0 }, focused: false, table: false, panel: false, checks: false,
    presenting: false, compare: false, editor: null, ...over,
  };
}

/** A new view that writes down what it is asked to do, its editor's cell drawn or not. */
function recorder(cellDrawn: boolean): { calls: string[]; to: Restorer } {
  const calls: string[] = [];
  return {
    calls,
    to: {
      checks: () => calls.push("checks"),
      panel: () => calls.push("panel"),
      table: () => calls.push("table"),
      present: (focused) => calls.push(`present:${focused}`),
      edit: (e) => {
        calls.push(`edit:${e.text}`);
        return cellDrawn;
      },
      focus: () => calls.push("focus"),
    },
  };
}

describe("an open editor is held over a redraw", () => {
  it("keeps its text, caret and focus, and what it opened on", () => {
    const editor = {
      target: { type: "step" as const, id: 3 }, initial: "Pay",
      snapshot: () => ({ text: "Pay now", caret: [7, 7] as [number, number], focused: false }),
    };
    const conflict = { on: "cell" as const, current: "Paid", yours: "Pay now" };
    expect(holdEditor(editor, { expected: "Pay", conflict })).toEqual({
      target: { type: "step", id: 3 }, text: "Pay now", initial: "Pay", caret: [7, 7], focused: false, expected: "Pay", conflict,
    });
    const bare = holdEditor(editor, null);
    expect(bare.expected).toBeNull();
    expect(bare.conflict).toBeNull();
  });

  it("after a redraw, opens untouched on the value there now, else with its text and what it expects", () => {
    expect(reopening(held({ focused: false }), true)).toEqual({ typed: undefined, options: { focus: false } });
    const typed = held({ text: "later" });
    expect(reopening(typed, true)).toEqual({
      typed: "later", options: { initial: "late", caret: [2, 3], focus: true, expected: "late", conflict: null },
    });
    // A conflict shown stays shown, even with the text as it opened.
    const conflict = { on: "cell" as const, current: "soon", yours: "late" };
    expect(reopening(held({ conflict }), true).options.conflict).toEqual(conflict);
    expect(reopening(held({ conflict }), true).typed).toBe("late");
  });

  it("in a view built again, opens with its text and expected value even untouched", () => {
    const r = reopening(held({ expected: "early" }), false);
    expect(r.typed).toBe("late");
    expect(r.options.expected).toBe("early");
    expect(r.options.initial).toBe("late");
  });

  it("says what was typed when its cell is gone, nothing when nothing was", () => {
    expect(goneText(held(), "en")).toBeNull();
    const lost = goneText(held({ text: "later" }), "en");
    expect(lost).toContain("later");
    const stage = goneText(held({ target: { type: "stage", stage: "Buy" }, text: "Shop" }), "en");
    expect(stage).toContain("Shop");
    expect(stage).not.toBe(goneText(held({ text: "Shop" }), "en"));
    expect(goneText(held({ text: "plus tard" }), "fr")).not.toBe(goneText(held({ text: "plus tard" }), "en"));
  });

  it("does not say a step was deleted when it is only not shown here", () => {
    const hidden = goneText(held({ text: "later" }), "en", true);
    expect(hidden).toContain("later");
    expect(hidden).not.toBe(goneText(held({ text: "later" }), "en"));
    expect(hidden).not.toContain("deleted");
    expect(goneText(held(), "en", true)).toBeNull();
  });

  it("knows whether the held editor's step or stage is still in the journey", () => {
    const j = { ids: [3, 4], stage: ["Buy", "Buy"] };
    expect(stillThere(held(), j)).toBe(false); // a lane cell of step 7
    expect(stillThere(held({ target: { type: "step", id: 4 } }), j)).toBe(true);
    expect(stillThere(held({ target: { type: "step", id: 9 } }), j)).toBe(false);
    expect(stillThere(held({ target: { type: "stage", stage: "Buy" } }), j)).toBe(true);
    expect(stillThere(held({ target: { type: "stage", stage: "Pay" } }), j)).toBe(false);
  });
});

describe("a view built again takes over what the one before had open", () => {
  it("opens the panels, then the editor; the grid is not focused over it", () => {
    const { calls, to } = recorder(true);
    restoreCarried(carried({ checks: true, panel: true, table: true, focused: true, editor: held({ text: "x" }) }), to);
    expect(calls).toEqual(["checks", "panel", "table", "edit:x"]);
  });

  it("focuses the grid when it had the focus and its editor's cell is gone", () => {
    const { calls, to } = recorder(false);
    restoreCarried(carried({ focused: true, editor: held() }), to);
    expect(calls).toEqual(["edit:late", "focus"]);
  });

  it("leaves the focus to the table or the presentation", () => {
    for (const over of [{ table: true }, { presenting: true }]) {
      const { calls, to } = recorder(false);
      restoreCarried(carried({ focused: true, ...over }), to);
      expect(calls).not.toContain("focus");
    }
    const { calls, to } = recorder(false);
    restoreCarried(carried({ presenting: true, focused: true }), to);
    expect(calls).toEqual(["present:true"]);
  });

  it("does nothing for a view that had nothing open and no focus", () => {
    const { calls, to } = recorder(true);
    restoreCarried(carried(), to);
    expect(calls).toEqual([]);
  });
});
