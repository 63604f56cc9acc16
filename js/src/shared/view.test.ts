import { beforeAll, describe, expect, it } from "vitest";
import { EditSession } from "./view";

/** Just enough of a DOM for the status line an EditSession builds (vitest runs in node). */
class FakeNode {
  hidden = false;
  textContent = "";
  readonly dataset: Record<string, string> = {};
  readonly attributes = new Map<string, string>();
  setAttribute(name: string, value: string): void { this.attributes.set(name, value); }
  append(): void {}
  addEventListener(): void {}
}

beforeAll(() => {
  Object.assign(globalThis, {
    document: { createElement: () => new FakeNode(), createTextNode: (s: string) => s, documentElement: { lang: "en" } },
  });
});

/** A model that keeps what the views send and answers nothing by itself. */
function fakeModel() {
  const sent: Array<{ type: string; request: number; view: string }> = [];
  const model = {
    get: (name: string) => (name === "lang" ? "en" : null),
    set: () => {},
    save_changes: () => {},
    send: (msg: { type: string; request: number; view: string }) => sent.push(msg),
    on: () => {},
    off: () => {},
  };
  return { model, sent };
}

describe("request numbers", () => {
  it("go on under the same view id when the view is built again", () => {
    const { model, sent } = fakeModel();
    const before = new EditSession(model as never, "view-a");
    before.send({ kind: "set_cell", id: 1, column: "pain", value: "x" });
    before.history("undo");
    const again = new EditSession(model as never, "view-a");
    again.send({ kind: "set_cell", id: 1, column: "pain", value: "y" });
    again.history("redo");
    expect(sent.map((m) => m.request)).toEqual([1, 2, 3, 4]);
    expect(new Set(sent.map((m) => m.view))).toEqual(new Set(["view-a"]));
  });

  it("start at 1 for another view", () => {
    const { model, sent } = fakeModel();
    new EditSession(model as never, "view-b").history("undo");
    new EditSession(model as never).history("undo");
    expect(sent.map((m) => m.request)).toEqual([1, 1]);
  });

  it("an answer meant for the view before is not this view's answer", () => {
    const { model } = fakeModel();
    const before = new EditSession(model as never, "view-c");
    const old = before.send({ kind: "set_cell", id: 1, column: "pain", value: "x" });
    const again = new EditSession(model as never, "view-c");
    const mine = again.send({ kind: "set_cell", id: 1, column: "pain", value: "y" });
    expect(mine).not.toBe(old);
    // The old request's answer arrives late: it is not taken for the pending one's.
    again.receive({ type: "edit_result", request: old, ok: true, view: "view-c" });
    expect(again.awaiting({ kind: "set_cell", id: 1, column: "pain", value: null })).toBe(true);
    again.receive({ type: "edit_result", request: mine, ok: true, view: "view-c" });
    expect(again.awaiting({ kind: "set_cell", id: 1, column: "pain", value: null })).toBe(false);
  });
});

describe("what a view sends is numbered in the order it sends it", () => {
  it("edits, undos and presence alike, going on when the view is built again", () => {
    const { model, sent } = fakeModel();
    const before = new EditSession(model as never, "view-d");
    before.tell({ editing: { id: 1, column: "pain" } });
    before.send({ kind: "set_cell", id: 1, column: "pain", value: "x" });
    before.history("undo");
    const again = new EditSession(model as never, "view-d");
    again.tell({ persona: "Léo" });
    const other = new EditSession(model as never, "view-e");
    other.tell({ persona: "Camille" });
    const seqs = (view: string) => sent.filter((m) => m.view === view).map((m) => [m.type, (m as { seq?: number }).seq]);
    expect(seqs("view-d")).toEqual([["presence", 1], ["edit", 2], ["undo", 3], ["presence", 4]]);
    expect(seqs("view-e")).toEqual([["presence", 1]]);
  });
});

describe("the status line of a view", () => {
  it("says a conflict, and another view's undo, in the words the view gives its session", () => {
    const { model } = fakeModel();
    const session = new EditSession(model as never, "view-w", (column, v) => `${String(column)}:${String(v)}`);
    const text = (session as unknown as { text: FakeNode }).text;
    session.history("undo");
    session.receive({
      type: "edit_result", request: 1, ok: false, view: "view-w", code: "conflict.undo", message: "Python's words: -2.0",
      params: { current: "-2.0", yours: "-3.0" }, conflict: { on: "cell", current: -2, yours: -3, id: 1, column: "emotion" },
    });
    expect(text.textContent).toBe("Not undone: changed meanwhile in another view, it now reads “emotion:-2”; undoing would put back “emotion:-3”.");
    session.receive({ type: "undone", view: "other", redo: false, kind: "set_cell", step: "Pay", lane: "Gain", column: "gain", old: 1.5, new: null, text: "" });
    expect(text.textContent).toBe("Undone in another view: Gain of “Pay”: gain:1.5 → (empty)");
  });
});
