import { describe, expect, it } from "vitest";
import { refusal } from "../shared/view";
import type { CellValue, Journey, LaneSpec } from "../shared/wire";
import { cellWords, combinable, laneWords, QUOTES } from "./conflict";

const lane = (over: Partial<LaneSpec>): LaneSpec => ({ key: "k", label: "K", kind: "text", dtype: "text", ...over });

describe("a conflict words values as the lane shows them", () => {
  it("a share as a percent, seconds as a duration, a date in the view's order", () => {
    expect(cellWords(lane({ kind: "number", dtype: "number", format: { style: "percent", digits: null } }), 0.41, "fr")).toBe("41\u202F%");
    expect(cellWords(lane({ kind: "number", dtype: "number", format: { style: "duration", digits: null } }), 65, "en")).toBe("1 min 05 s");
    expect(cellWords(lane({ kind: "number", dtype: "number" }), 1.0, "en")).toBe("1");
    expect(cellWords(lane({ kind: "number", dtype: "number" }), 1234.5, "fr")).not.toContain(".");
    expect(cellWords(lane({ kind: "text", dtype: "date" }), "2024-03-01", "fr")).not.toBe("2024-03-01");
  });

  it("a moment of truth by its name, empty by the view's word for it", () => {
    expect(cellWords(lane({ kind: "moment", dtype: "category" }), "one-off", "en")).not.toBe("one-off");
    expect(cellWords(lane({}), null, "fr")).toBe("(vide)");
    expect(cellWords(lane({}), "", "en")).toBe("(empty)");
    expect(cellWords(null, "Pay", "en")).toBe("Pay");
  });

  it("offers to combine only texts", () => {
    expect(combinable(lane({}), { type: "textarea", value: "" })).toBe(true);
    expect(combinable(null, { type: "input", value: "", numeric: false })).toBe(true);
    expect(combinable(lane({ kind: "number", dtype: "number" }), { type: "input", value: "", numeric: true })).toBe(false);
    expect(combinable(lane({ kind: "number", dtype: "number", format: { style: "duration", digits: null } }), { type: "input", value: "", numeric: false })).toBe(false);
    expect(combinable(lane({ kind: "text", dtype: "date" }), { type: "input", value: "", numeric: false })).toBe(false);
    expect(combinable(lane({ kind: "moment", dtype: "category" }), { type: "select", choices: [], value: "" })).toBe(false);
  });

  it("quotes the value there now as the view's language does", () => {
    expect(QUOTES.fr).toContain("\u00AB");
    expect(QUOTES.fr).not.toContain("\u201C");
    expect(QUOTES.en).toContain("\u201C");
  });
});

describe("a refused edit or undo says a conflict's values as the map's lanes show them", () => {
  const journey = {
    step_key: "step",
    lanes: [
      lane({ key: "emotion", label: "Emotion", kind: "emotion", dtype: "number" }),
      lane({ key: "share", label: "Share", kind: "number", dtype: "number", format: { style: "percent", digits: null } }),
      lane({ key: "visits", label: "Visits", kind: "number", dtype: "number" }),
      lane({ key: "moment_of_truth", label: "Moment of truth", kind: "moment", dtype: "category" }),
      lane({ key: "channel", label: "Channel", kind: "channel", dtype: "text" }),
    ],
  } as unknown as Journey;
  const conflict = (code: string, column: string, current: CellValue, yours: CellValue) => ({
    code, params: { current: String(current), yours: String(yours) }, message: `Python's words: ${String(current)}`,
    conflict: { on: "cell", current, yours, id: 1, column },
  });

  it("an emotion signed, in the view's digits, in French and in English (Ctrl+Z, Alt+↑ against Alt+↓)", () => {
    const fr = laneWords(() => journey, "fr");
    const en = laneWords(() => journey, "en");
    expect(refusal("fr", conflict("conflict", "emotion", 1.5, 3), fr))
      .toBe("Modifié entre-temps dans une autre vue : on y lit maintenant « +1,5 » ; le vôtre : « +3 ».");
    expect(refusal("en", conflict("conflict", "emotion", -2, -3), en))
      .toBe("Changed meanwhile in another view: it now reads “\u22122”; yours: “\u22123”.");
    const undo = refusal("fr", conflict("conflict.undo", "emotion", -2, -3), fr);
    expect(undo).toBe("Non annulé : modifié entre-temps dans une autre vue, on y lit maintenant « \u22122 » ; l'annulation y remettrait « \u22123 ».");
    expect(undo).not.toContain("vôtre");
    expect(refusal("en", conflict("conflict.redo", "emotion", 0, null), en))
      .toBe("Not redone: changed meanwhile in another view, it now reads “0”; redoing would put back “(empty)”.");
  });

  it("percent, grouped numbers, moments and channels as their lanes draw them; a step's name as it is", () => {
    const fr = laneWords(() => journey, "fr");
    expect(fr("share", 0.41)).toBe("41\u202F%");
    expect(fr("visits", 1234.5)).toBe(cellWords(journey.lanes[2], 1234.5, "fr"));
    expect(fr("visits", 1234.5)).toContain(",");
    expect(fr("moment_of_truth", "one-off")).toBe("Ponctuel");
    expect(fr("channel", "web\napp")).toBe("web, app");
    expect(fr("step", "1.5")).toBe("1.5");
    // A lane no longer drawn: plain words, still in the view's language.
    expect(fr("gone", 1.5)).toBe("1,5");
    expect(fr(null, null)).toBe("(vide)");
  });
});
