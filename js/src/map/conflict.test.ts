import { describe, expect, it } from "vitest";
import type { LaneSpec } from "../shared/wire";
import { cellWords, combinable, QUOTES } from "./conflict";

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
