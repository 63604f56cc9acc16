import { describe, expect, it } from "vitest";
import { combined } from "../map/conflict";
import { addressee, answered, colourOf, conflictOf, othersOf, sameEditing, undoneOf } from "./presence";
import { undoneText } from "./view";

describe("several views of one widget", () => {
  it("reads whom an answer is for", () => {
    expect(addressee({ type: "edit_result", view: "a1" })).toBe("a1");
    expect(addressee({ type: "edit_result" })).toBeNull();
    expect(addressee({ type: "edit_result", view: 3 })).toBeNull();
  });

  it("ends the editing of the view an answer names, and of no other", () => {
    const others = othersOf({
      a1: { selected: [2], editing: { id: 3, column: "pain" }, persona: "Ana" },
      b2: { selected: [], editing: { id: 4, column: "pain" }, persona: null },
    }, "me");
    const ended = { type: "edit_result", ok: true, editing_ended: true };
    // An undo's answer names its view but ends no editing.
    expect(answered(others, { type: "edit_result", ok: true, view: "a1" })).toBe(false);
    expect(others.get("a1")?.editing).toEqual({ id: 3, column: "pain" });
    expect(answered(others, { ...ended, view: "a1" })).toBe(true);
    expect(others.get("a1")).toEqual({ selected: [2], editing: null, persona: "Ana" });
    expect(others.get("b2")?.editing).toEqual({ id: 4, column: "pain" });
    expect(answered(others, { ...ended, view: "a1" })).toBe(false); // nothing left
    expect(answered(others, { ...ended, view: "me" })).toBe(false); // this view's own
    expect(answered(others, ended)).toBe(false);
    expect(answered(others, null)).toBe(false);
    expect(others.size).toBe(2);
  });

  it("tells the same cell edited from another (an editor opened again says nothing new)", () => {
    expect(sameEditing({ id: 3, column: "pain" }, { id: 3, column: "pain" })).toBe(true);
    expect(sameEditing(null, null)).toBe(true);
    expect(sameEditing({ id: 3, column: "pain" }, { id: 3, column: "channel" })).toBe(false);
    expect(sameEditing({ id: 3, column: "pain" }, { id: 4, column: "pain" })).toBe(false);
    expect(sameEditing({ stage: "Buy" }, { stage: "Pay" })).toBe(false);
    expect(sameEditing({ stage: "Buy" }, null)).toBe(false);
    expect(sameEditing(null, { id: 1, column: "step" })).toBe(false);
  });

  it("reads a conflict, and nothing else as one", () => {
    expect(conflictOf({ conflict: { on: "cell", current: "theirs", yours: "mine" } }))
      .toEqual({ on: "cell", current: "theirs", yours: "mine" });
    expect(conflictOf({ conflict: { on: "cell", current: { x: 1 }, yours: 2 } }))
      .toEqual({ on: "cell", current: null, yours: 2 });
    // The cell, when Python names it: the lane's key and the row id, for the lane's words.
    expect(conflictOf({ conflict: { on: "cell", current: -2, yours: 1, id: 4, column: "emotion" } }))
      .toEqual({ on: "cell", current: -2, yours: 1, id: 4, column: "emotion" });
    expect(conflictOf({ conflict: { on: "cell", current: 1, yours: 2, id: "4", column: 7 } }))
      .toEqual({ on: "cell", current: 1, yours: 2 });
    expect(conflictOf({ conflict: { on: "elsewhere" } })).toBeNull();
    expect(conflictOf({ ok: false })).toBeNull();
  });

  it("lists the other views, never itself, with views named like Object's members", () => {
    const presence = JSON.parse('{"me": {"selected": [1]}, "__proto__": {"selected": [2, "x"], "editing": {"id": 4, "column": "pain"}}, "constructor": {"persona": "Bo"}}');
    const others = othersOf(presence, "me");
    expect([...others.keys()].sort()).toEqual(["__proto__", "constructor"]);
    expect(others.get("__proto__")).toEqual({ selected: [2], editing: { id: 4, column: "pain" }, persona: null });
    expect(others.get("constructor")?.persona).toBe("Bo");
  });

  it("gives a view the same colour everywhere, and views different ones", () => {
    expect(colourOf("abc")).toBe(colourOf("abc"));
    const colours = new Set(["a", "b", "c", "d", "e", "f", "g", "h"].map(colourOf));
    expect(colours.size).toBeGreaterThan(2);
  });

  it("says what another view undid, in both languages", () => {
    const u = undoneOf({ type: "undone", view: "b", redo: false, kind: "set_cell", step: "Pay", lane: "Pain", old: "slow", new: null, text: "x" });
    expect(u).not.toBeNull();
    expect(undoneText("en", u!)).toBe("Undone in another view: Pain of “Pay”: slow → (empty)");
    expect(undoneText("fr", u!)).toBe("Annulé dans une autre vue : Pain de « Pay » : slow → (vide)");
    expect(undoneText("en", { ...u!, view: null, redo: true })).toBe("Redone from Python: Pain of “Pay”: slow → (empty)");
    expect(undoneOf({ type: "edit_result" })).toBeNull();
  });

  it("combines both texts, theirs first", () => {
    expect(combined("theirs", "mine", false)).toBe("theirs mine");
    expect(combined("theirs", "mine", true)).toBe("theirs\nmine");
    expect(combined("", "mine", true)).toBe("mine");
  });
});
