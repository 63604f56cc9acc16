import { describe, expect, it, vi } from "vitest";
import { refusal } from "../shared/view";
import { chosenOp, conflictPlace, emotionWords, nextConflict, PointConflicts, valueWords, type ConflictHost, type PointConflict } from "./conflict";

const refused = (id: number, current: unknown, yours: unknown, on: "cell" | "step" = "cell") =>
  ({ type: "answered" as const, id, ok: false, conflict: { on, current: current as number, yours: yours as number } });

describe("which conflict a curve shows", () => {
  it("shows a point's refusal, the last one of a drag replacing the ones before", () => {
    let shown = nextConflict(null, refused(4, 2, -1));
    expect(shown).toEqual({ id: 4, current: 2, yours: -1 });
    shown = nextConflict(shown, refused(4, 2, -1.5));
    expect(shown).toEqual({ id: 4, current: 2, yours: -1.5 });
    // Another point refused since: its conflict is the one shown (one box at a time).
    expect(nextConflict(shown, refused(7, 0, 1))).toEqual({ id: 7, current: 0, yours: 1 });
  });

  it("closes on a new change of the point, or an answer that is no conflict", () => {
    const shown: PointConflict = { id: 4, current: 2, yours: -1 };
    expect(nextConflict(shown, { type: "sent", id: 4 })).toBeNull();
    expect(nextConflict(shown, { type: "sent", id: 5 })).toBe(shown);
    expect(nextConflict(shown, { type: "answered", id: 4, ok: true, conflict: null })).toBeNull();
    expect(nextConflict(shown, { type: "answered", id: 5, ok: true, conflict: null })).toBe(shown);
    // Refused for another reason: the status line says why; the old choices no longer apply.
    expect(nextConflict(shown, { type: "answered", id: 4, ok: false, conflict: null })).toBeNull();
    expect(nextConflict(shown, refused(4, null, null, "step"))).toBeNull();
  });

  it("closes when its point is gone from the curve", () => {
    const shown: PointConflict = { id: 4, current: 2, yours: -1 };
    expect(nextConflict(shown, { type: "drawn", ids: [1, 4, 9] })).toBe(shown);
    expect(nextConflict(shown, { type: "drawn", ids: [1, 9] })).toBeNull();
    expect(nextConflict(null, { type: "drawn", ids: [] })).toBeNull();
  });

  it("reads a value that is no number as no value", () => {
    expect(nextConflict(null, refused(3, null, "x"))).toEqual({ id: 3, current: null, yours: null });
  });
});

describe("the answers to a drag's changes", () => {
  // While dragging, a box is not drawn: the conflict shown is read without a DOM.
  vi.stubGlobal("document", { activeElement: null });
  const host = { dragging: () => true, root: { contains: () => false } } as unknown as ConflictHost;
  const answer = (request: number, current: number, yours: number) =>
    ({ type: "edit_result" as const, request, ok: false, conflict: { on: "cell" as const, current, yours } });

  it("shows the refusal of the last change sent for a point, not a late one of an earlier", () => {
    const conflicts = new PointConflicts("en", host);
    conflicts.sent(1, 4);
    conflicts.sent(2, 4); // the drag goes on
    conflicts.answered(answer(2, 3, -1.5));
    expect(conflicts.current).toEqual({ id: 4, current: 3, yours: -1.5 });
    conflicts.answered(answer(1, 3, -1)); // the earlier change's answer, late
    expect(conflicts.current).toEqual({ id: 4, current: 3, yours: -1.5 });
  });

  it("a conflict closed stays closed when an earlier change's refusal comes after", () => {
    const conflicts = new PointConflicts("en", host);
    conflicts.sent(1, 4);
    conflicts.sent(2, 4);
    conflicts.answered(answer(2, 3, -1.5));
    conflicts.sent(3, 4); // the person changes the point again: the box goes
    expect(conflicts.current).toBeNull();
    conflicts.answered(answer(1, 3, -1));
    conflicts.answered(answer(2, 3, -1.5));
    expect(conflicts.current).toBeNull();
  });
});

describe("what a choice sends", () => {
  const c: PointConflict = { id: 4, current: 2, yours: -1 };

  it("Keep theirs sends nothing", () => {
    expect(chosenOp(c, "theirs")).toBeNull();
  });

  it("Use mine sends the person's value, expecting the value there now", () => {
    expect(chosenOp(c, "mine")).toEqual({ kind: "set_emotion", id: 4, value: -1, expected: 2 });
    expect(chosenOp({ id: 4, current: null, yours: 1 }, "mine")).toEqual({ kind: "set_emotion", id: 4, value: 1, expected: null });
    expect(chosenOp({ id: 4, current: 1, yours: null }, "mine")).toEqual({ kind: "set_emotion", id: 4, value: null, expected: 1 });
    expect(chosenOp({ id: 4, current: 1, yours: 1 }, "mine")).toBeNull(); // nothing to write
  });
});

describe("how the values read", () => {
  it("signed, in the view's digits; none in words", () => {
    expect(valueWords(2, "en")).toBe("+2");
    expect(valueWords(-1.5, "en")).toBe("\u22121.5");
    expect(valueWords(-1.5, "fr")).toBe("\u22121,5");
    expect(valueWords(0, "fr")).toBe("0");
    expect(valueWords(null, "en")).toBe("no value yet");
    expect(valueWords(null, "fr")).toBe("pas encore de valeur");
  });
});

describe("where the box goes", () => {
  const box = { width: 100, height: 60 };
  const area = { width: 800, height: 300 };

  it("above and right of the point, clear of the tooltip below it", () => {
    expect(conflictPlace(200, 150, box, area)).toEqual({ left: 212, top: 78 });
  });

  it("left of a point near the right edge, under a point near the top", () => {
    expect(conflictPlace(750, 150, box, area)).toEqual({ left: 638, top: 78 });
    expect(conflictPlace(200, 30, box, area)).toEqual({ left: 212, top: 42 });
    expect(conflictPlace(200, 290, box, area).top).toBe(218);
  });

  it("inside the area for a point scrolled out of it", () => {
    expect(conflictPlace(-50, 150, box, area).left).toBe(0);
    expect(conflictPlace(2000, 150, box, area).left).toBe(700);
    expect(conflictPlace(200, 30, box, { width: 800, height: 50 }).top).toBe(0);
  });
});

describe("the curve's status line says a conflict's values as its box does", () => {
  const msg = (code: string, current: number | null, yours: number | null) => ({
    code, params: { current: String(current), yours: String(yours) }, message: "Python's words",
    conflict: { on: "cell", current, yours, id: 3, column: "emotion" },
  });

  it("signed, in the view's digits, in both languages, for an edit and for an undo", () => {
    expect(refusal("fr", msg("conflict", -2, 0), emotionWords("fr")))
      .toBe(`Modifié entre-temps dans une autre vue : on y lit maintenant « ${valueWords(-2, "fr")} » ; le vôtre : « 0 ».`);
    expect(valueWords(-2, "fr")).toBe("\u22122");
    expect(refusal("en", msg("conflict.undo", -1.5, null), emotionWords("en")))
      .toBe("Not undone: changed meanwhile in another view, it now reads “\u22121.5”; undoing would put back “no value yet”.");
    expect(refusal("fr", msg("conflict.redo", 2.5, -3), emotionWords("fr"))).toContain("« +2,5 »");
  });
});
