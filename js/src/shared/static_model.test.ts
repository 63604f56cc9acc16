import { describe, expect, it } from "vitest";
import { linkModels, READ_ONLY_MESSAGE, StaticModel } from "./static_model";

describe("StaticModel", () => {
  it("keeps what a view sets and says so to the view", () => {
    const model = new StaticModel({ active_persona: "Camille" });
    const seen: unknown[] = [];
    model.on("change:active_persona", (v) => seen.push(v));
    model.set("active_persona", "Léo");
    model.set("active_persona", "Léo"); // no change, no event
    expect(model.get("active_persona")).toBe("Léo");
    expect(seen).toEqual(["Léo"]);
  });

  it("answers an edit, an undo or a redo as refused, and nothing else", async () => {
    const model = new StaticModel({});
    const answers: unknown[] = [];
    model.on("msg:custom", (m) => answers.push(m));
    model.send({ type: "edit", request: 7, op: { kind: "set_cell" } });
    model.send({ type: "undo", request: 8 });
    model.send({ type: "view", open: true, view: "x" });
    model.send("edit");
    expect(answers).toEqual([]); // answered later, as a kernel would
    await Promise.resolve();
    expect(answers).toEqual([
      { type: "edit_result", request: 7, ok: false, message: READ_ONLY_MESSAGE, code: "page.read_only" },
      { type: "edit_result", request: 8, ok: false, message: READ_ONLY_MESSAGE, code: "page.read_only" },
    ]);
  });

  it("takes a user's names as keys safely", () => {
    const model = new StaticModel({ constructor: 1, __proto__: 2 } as Record<string, unknown>);
    model.set("toString", "x");
    expect(model.get("toString")).toBe("x");
    expect(model.get("hasOwnProperty")).toBeUndefined();
  });

  it("shares a selection between linked models, and stops", () => {
    const a = new StaticModel({ _selected_ids: [] });
    const b = new StaticModel({ _selected_ids: [] });
    const c = new StaticModel({ _selected_ids: [] });
    linkModels([a, b], ["_selected_ids"]);
    const picked = [3, 4];
    a.set("_selected_ids", picked);
    expect(b.get("_selected_ids")).toBe(picked);
    expect(c.get("_selected_ids")).toEqual([]);
    b.set("_selected_ids", [5]);
    expect(a.get("_selected_ids")).toEqual([5]);
  });
});
